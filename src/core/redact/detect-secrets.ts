import { detectGenericAssignments } from "./detect-generic-assignments.js";
import { isPlaceholderValue } from "./is-placeholder-value.js";
import { lintWithSecretlint } from "./lint-with-secretlint.js";
import { matchSecretPatterns } from "./secret-patterns.js";
import type { SecretSpan } from "./secret-span.js";

/**
 * Every secret in `text`, sorted by position and without overlaps: secretlint's recommended rules,
 * Patchwise's own formats, and high-entropy values of secret-sounding names. Placeholders stay.
 */
export async function detectSecrets(text: string, path?: string): Promise<SecretSpan[]> {
  const found = [...(await lintWithSecretlint(text, path)), ...matchSecretPatterns(text), ...detectGenericAssignments(text)];
  // A key body can hold any run of characters ("AAAAAA"); its own rule already checked it is real.
  const real = found.filter((span) => span.end > span.start && (span.type === "private-key" || !isPlaceholderValue(text.slice(span.start, span.end))));
  return mergeOverlaps(real);
}

// Overlapping finds become one span covering both, typed by the known format over a name guess,
// then by the longer find: `GITHUB_TOKEN = "ghp_..."` is a github-token, not a generic-secret.
function mergeOverlaps(spans: SecretSpan[]): SecretSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end || a.type.localeCompare(b.type));
  const merged: SecretSpan[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (!last || span.start >= last.end) {
      merged.push({ start: span.start, end: span.end, type: span.type, ...(span.generic ? { generic: true } : {}) });
      continue;
    }
    const wins = (last.generic && !span.generic) || (last.generic === span.generic && span.end - span.start > last.end - last.start);
    last.end = Math.max(last.end, span.end);
    if (wins) {
      last.type = span.type;
      if (!span.generic) delete last.generic;
    }
  }
  return merged;
}
