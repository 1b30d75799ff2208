import { buildRedaction, type Redaction } from "./build-redaction.js";
import { detectSecrets } from "./detect-secrets.js";
import { replaceSegments } from "./replace-segments.js";
import { splitSpansByLine, type LineSegment } from "./split-spans-by-line.js";

/** One text that would reach the model: `id` names it in findings (`title`, `body`, `file:src/a.ts`). */
export interface RedactionInput {
  id: string;
  text: string;
  /** The file the text comes from, if any: lets file-type rules apply (`.npmrc`, service-account `.json`). */
  path?: string;
}

/** Where a secret was, never what: 1-based line and column within the input's text. */
export interface SecretFinding {
  id: string;
  type: string;
  line: number;
  column: number;
}

export interface RedactionResult extends Redaction {
  /** The inputs in their order, secrets replaced by `[REDACTED:<type>]`; every text keeps its line count. */
  texts: Array<{ id: string; text: string }>;
  /** In input order, then by position. A multi-line secret is one finding at its first line. */
  findings: SecretFinding[];
}

/** Redacts every secret in the given texts (PR title, body, related code) before they reach a model. */
export async function redactSecrets(inputs: readonly RedactionInput[]): Promise<RedactionResult> {
  const texts: RedactionResult["texts"] = [];
  const findings: SecretFinding[] = [];
  const found: Array<{ type: string; value: string }> = [];
  for (const input of inputs) {
    const spans = await detectSecrets(input.text, input.path);
    const perSpan = splitSpansByLine(input.text, spans);
    spans.forEach((span, index) => {
      const first = perSpan[index]?.[0];
      if (!first) return;
      findings.push({ id: input.id, type: span.type, line: first.line + 1, column: first.start + 1 });
      found.push({ type: span.type, value: input.text.slice(span.start, span.end) });
    });
    texts.push({ id: input.id, text: redactLines(input.text, perSpan.flat()) });
  }
  return { ...buildRedaction(found), texts, findings };
}

function redactLines(text: string, segments: readonly LineSegment[]): string {
  if (segments.length === 0) return text;
  const byLine = new Map<number, LineSegment[]>();
  for (const segment of segments) byLine.set(segment.line, [...(byLine.get(segment.line) ?? []), segment]);
  return text
    .split("\n")
    .map((line, index) => replaceSegments(line, byLine.get(index) ?? []))
    .join("\n");
}
