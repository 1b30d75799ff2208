import { GUESSED, RELATIONS, type ContextCandidate } from "./types.js";

/**
 * Best first: every resolved candidate before a guess (`GUESSED`); context for changes to source
 * files before context for changes to tests; then
 * enclosing code, definitions of used names, callers, tests; within a relation the changed file
 * before others, surer resolutions, calls before types before members, then smaller snippets.
 */
export function rankCandidates(candidates: readonly ContextCandidate[]): ContextCandidate[] {
  return [...candidates].sort(
    (a, b) =>
      Number(a.confidence >= GUESSED) - Number(b.confidence >= GUESSED) ||
      Number(a.forTest) - Number(b.forTest) ||
      RELATIONS.indexOf(a.relation) - RELATIONS.indexOf(b.relation) ||
      a.distance - b.distance ||
      a.confidence - b.confidence ||
      a.specificity - b.specificity ||
      a.endLine - a.startLine - (b.endLine - b.startLine) ||
      a.path.localeCompare(b.path) ||
      a.startLine - b.startLine,
  );
}
