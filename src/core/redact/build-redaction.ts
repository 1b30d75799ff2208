import { RedactedValues } from "./redacted-values.js";

/** What a redaction tells the audit (counts by type, never values), plus the in-memory value set. */
export interface Redaction {
  /** Number of secrets redacted, by placeholder type, keys in alphabetical order. */
  counts: Record<string, number>;
  total: number;
  /** The redacted values themselves, for `containsRedactedSecret`/`scrubRedactedSecrets`. NEVER log it. */
  secrets: RedactedValues;
}

/** A Redaction from the secrets found, one entry per secret. */
export function buildRedaction(found: ReadonlyArray<{ type: string; value: string }>): Redaction {
  return { counts: countTypes(found.map((entry) => entry.type)), total: found.length, secrets: new RedactedValues(found) };
}

/** One Redaction for several (the PR text, the patches, the related code of one review). */
export function combineRedactions(...redactions: Redaction[]): Redaction {
  const types = redactions.flatMap((redaction) => Object.entries(redaction.counts).flatMap(([type, count]) => Array<string>(count).fill(type)));
  return { counts: countTypes(types), total: types.length, secrets: RedactedValues.combine(redactions.map((redaction) => redaction.secrets)) };
}

function countTypes(types: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of [...types].sort()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}
