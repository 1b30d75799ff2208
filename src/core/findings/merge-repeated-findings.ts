import { SEVERITIES, type Finding } from "../types.js";
import { normaliseTitle } from "./normalise-title.js";

export interface FindingLocation {
  path: string;
  line: number;
}

/** One comment for a problem found at several places: the best-placed finding, the other places, and the findings folded into it. */
export type MergedFinding<F extends Finding> = F & { otherLocations: FindingLocation[]; mergedFrom: F[] };

// Words that change between two phrasings of one problem ("on", "via", "the") and say nothing about it.
const FILLER = new Set([
  ...["a", "an", "the", "this", "that", "these", "those", "here", "it", "its", "and", "or"],
  ...["on", "in", "at", "of", "for", "to", "from", "by", "via", "through", "into", "with", "as"],
  ...["is", "are", "be", "can", "may"],
]);
const SIMILAR = 0.75;

/**
 * Folds findings about the same problem into one comment that lists the other places: same title
 * and body, or same category and a similar title (at least 3/4 of their words shared, filler
 * words aside). The most severe finding of a group keeps the comment (the first given on a tie;
 * after `anchorFindings` that is the first by path and line).
 */
export function mergeRepeatedFindings<F extends Finding>(findings: readonly F[]): { merged: Array<MergedFinding<F>>; mergedAway: number } {
  const groups: F[][] = [];
  for (const finding of findings) {
    const group = groups.find((members) => members[0] !== undefined && sameProblem(members[0], finding));
    if (group) group.push(finding);
    else groups.push([finding]);
  }
  const merged = groups.map((members) => {
    const primary = members.reduce((best, member) => (SEVERITIES.indexOf(member.severity) < SEVERITIES.indexOf(best.severity) ? member : best));
    const mergedFrom = members.filter((member) => member !== primary);
    const seen = new Set([locationKey(primary)]);
    const otherLocations: FindingLocation[] = [];
    for (const member of mergedFrom) {
      if (seen.has(locationKey(member))) continue;
      seen.add(locationKey(member));
      otherLocations.push({ path: member.path, line: member.line });
    }
    return { ...primary, otherLocations, mergedFrom };
  });
  return { merged, mergedAway: findings.length - merged.length };
}

function sameProblem(a: Finding, b: Finding): boolean {
  if (normaliseTitle(a.title) === normaliseTitle(b.title) && a.body.trim() === b.body.trim()) return true;
  return a.category === b.category && titleSimilarity(a.title, b.title) >= SIMILAR;
}

function titleSimilarity(a: string, b: string): number {
  const wordsA = words(a);
  const wordsB = words(b);
  const shared = [...wordsA].filter((word) => wordsB.has(word)).length;
  const all = new Set([...wordsA, ...wordsB]).size;
  return all === 0 ? (normaliseTitle(a) === normaliseTitle(b) ? 1 : 0) : shared / all;
}

function words(title: string): Set<string> {
  return new Set(normaliseTitle(title).split(" ").filter((word) => word !== "" && !FILLER.has(word)));
}

function locationKey(location: FindingLocation): string {
  return `${location.path}:${location.line}`;
}
