import type { Finding } from "../types.js";
import { fingerprintFinding } from "./fingerprint-finding.js";
import { readFingerprints, type ExistingComment, type RepeatReason } from "./read-fingerprints.js";

export interface SuppressedFinding<F extends Finding = Finding> {
  finding: F;
  reason: RepeatReason;
}

export interface RepeatCheck<F extends Finding> {
  /** Findings not reported before, each with the fingerprint its comment must carry. */
  kept: Array<F & { fingerprint: string }>;
  suppressed: Array<SuppressedFinding<F>>;
}

/**
 * Leaves out findings an earlier run already posted (same fingerprint), with the reason: still
 * open, resolved by a person, or dismissed. `linesTextOf` gives the commented lines' text (null
 * when unknown: the fingerprint then rests on path, category and title). `previousPaths` maps a
 * renamed file's path to its old one, so comments made before the rename still count.
 */
export function dropRepeatedFindings<F extends Finding>(
  findings: readonly F[],
  existing: readonly ExistingComment[],
  linesTextOf: (finding: F) => string | null,
  previousPaths: ReadonlyMap<string, string> = new Map(),
): RepeatCheck<F> {
  const known = readFingerprints(existing);
  const result: RepeatCheck<F> = { kept: [], suppressed: [] };
  for (const finding of findings) {
    const text = linesTextOf(finding) ?? "";
    const fingerprint = fingerprintFinding(finding, text);
    const previousPath = previousPaths.get(finding.path);
    const reason = known.get(fingerprint) ?? (previousPath === undefined ? undefined : known.get(fingerprintFinding(finding, text, previousPath)));
    if (reason === undefined) result.kept.push({ ...finding, fingerprint });
    else result.suppressed.push({ finding, reason });
  }
  return result;
}
