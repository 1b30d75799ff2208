import type { Finding } from "../types.js";

// Words that ask for code to go away. "unused import", "dead code", "leftover debug print"...
const REMOVAL = /\b(?:remove|removing|delete|deleting|drop|unused|dead code|unreachable|leftover|left over|stray|redundant|unnecessary|debug (?:print|log|logging|output|statement|code))\b/i;

/**
 * Whether the finding asks for the commented lines to be removed, so that an empty suggestion is
 * the fix rather than a slip: an explicit `removal` flag when the answer carries one, otherwise a
 * removal word in the title or the body.
 */
export function isRemovalFinding(finding: Pick<Finding, "title" | "body"> & { removal?: boolean | null }): boolean {
  if (typeof finding.removal === "boolean") return finding.removal;
  return REMOVAL.test(finding.title) || REMOVAL.test(finding.body);
}
