import { SEVERITIES, type Severity } from "../types.js";

/** True when any severity is at least `threshold` (critical is the most severe). */
export function reachesSeverity(severities: readonly Severity[], threshold: Severity | undefined): boolean {
  if (threshold === undefined) return false;
  const limit = SEVERITIES.indexOf(threshold);
  return severities.some((severity) => SEVERITIES.indexOf(severity) <= limit);
}
