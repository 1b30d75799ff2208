import { normaliseTitle } from "../findings/normalise-title.js";
import { SEVERITIES, type Finding } from "../types.js";

type Mergeable = Pick<Finding, "path" | "line" | "side" | "title" | "severity">;

/**
 * The findings of several requests as one list: a finding reported again for the same line with
 * the same title, up to case and punctuation (two requests saw the same code) is kept
 * once, at its first place, with the highest severity any request gave it.
 */
export function mergeChunkFindings<T extends Mergeable>(perChunk: ReadonlyArray<readonly T[]>): T[] {
  const merged = new Map<string, T>();
  for (const finding of perChunk.flat()) {
    const key = [finding.path, finding.side, finding.line, normaliseTitle(finding.title)].join("\0");
    const earlier = merged.get(key);
    if (earlier === undefined || rank(finding) < rank(earlier)) merged.set(key, finding);
  }
  return [...merged.values()];
}

function rank(finding: Mergeable): number {
  return SEVERITIES.indexOf(finding.severity);
}
