import { buildSignatureRange } from "./build-signature-range.js";
import { buildSnippetRange, describeKind } from "./build-snippet-range.js";
import { isShownInDiff, type ChangedLines } from "./collect-changed-lines.js";
import type { RepoIndex } from "./create-repo-index.js";
import { findEnclosingDefinition } from "./find-enclosing-definition.js";
import { isTestPath } from "./is-test-path.js";
import type { ContextCandidate, SyntaxDefinition } from "./types.js";

const PAD = 10;
const SIGNATURE_LINES = 3;

/**
 * The definitions around the changed lines, whole when they fit; a longer one as a window
 * around its changed lines plus its signature.
 */
export function buildEnclosingCandidates(index: RepoIndex, changed: ChangedLines): ContextCandidate[] {
  const outline = index.outline(changed.path, true);
  if (!outline) return [];
  const groups = new Map<SyntaxDefinition, number[]>();
  for (const line of changed.touched) {
    const definition = findEnclosingDefinition(outline, line);
    if (definition) groups.set(definition, [...(groups.get(definition) ?? []), line]);
  }
  const candidates: ContextCandidate[] = [];
  for (const [definition, lines] of groups) {
    const first = lines[0]!;
    const last = lines[lines.length - 1]!;
    const reason = `enclosing ${describeKind(definition)}\`${definition.name}\` of the change at ${changed.path}:${first}`;
    const whole = buildSnippetRange(index, changed.path, definition);
    if (!whole) continue;
    const base = { path: changed.path, relation: "enclosing", forTest: isTestPath(changed.path), distance: 0, confidence: 0 } as const;
    const parts: ContextCandidate[] = [];
    if (whole.cutFrom === undefined) {
      const signature = buildSignatureRange(index.lines(changed.path)!, definition, whole, outline.language);
      parts.push({ ...base, startLine: whole.startLine, endLine: whole.endLine, ...(signature && { signature }), reason, specificity: 0 });
    } else {
      // The code around the change ranks before the signature.
      const max = index.limits.maxSnippetLines;
      const start = Math.max(definition.startLine, first - PAD);
      parts.push({ ...base, startLine: start, endLine: Math.min(definition.endLine, last + PAD, start + max - 1), reason: `${reason} (part of ${whole.cutFrom} lines)`, specificity: 0 });
      const signatureEnd = Math.min(whole.startLine + SIGNATURE_LINES - 1, definition.nameLine + SIGNATURE_LINES - 1);
      parts.push({ ...base, startLine: whole.startLine, endLine: signatureEnd, reason: `signature of \`${definition.name}\`, around the change at ${changed.path}:${first}`, specificity: 1 });
    }
    candidates.push(...parts.filter((part) => !isShownInDiff(changed, part.startLine, part.endLine)));
  }
  return candidates;
}
