import { scrubRedactedSecrets } from "../redact/check-redacted-secrets.js";
import type { Redaction } from "../redact/build-redaction.js";
import { sanitizePostedText } from "../sanitize/sanitize-posted-text.js";
import { renderCodeSpan } from "./render-code-span.js";
import type { DescribeAnswer } from "./describe-schema.js";
import { renderModelSpend, type ModelSpend } from "./render-model-spend.js";

// A description is capped by GitHub like a comment; the author's text needs room beside ours.
const MAX_PART_LENGTH = 8_000;
const MAX_ROW_LENGTH = 1_000;

export interface DescriptionOptions extends ModelSpend {
  redaction: Pick<Redaction, "secrets" | "total">;
  githubHost: string;
}

/** Patchwise's section of a description: what and why, the risk, a walkthrough per file, and the model, its tokens and cost; every text sanitised. */
export function renderDescription(answer: DescribeAnswer, options: DescriptionOptions): string {
  const clean = (text: string, maxLength: number, singleLine = false) =>
    sanitizePostedText(options.redaction.total === 0 ? text : scrubRedactedSecrets(text, options.redaction), { githubHost: options.githubHost, maxLength, singleLine });
  const rows = answer.walkthrough.map((entry) => `| ${renderCodeSpan(entry.path).replace(/\|/g, "\\|")} | ${clean(entry.change, MAX_ROW_LENGTH, true).replace(/\|/g, "\\|")} |`);
  return [
    "## Description by Patchwise",
    "",
    clean(answer.what, MAX_PART_LENGTH),
    "",
    "### Risk",
    "",
    clean(answer.risk, MAX_PART_LENGTH),
    ...(rows.length > 0 ? ["", "### Walkthrough", "", "| File | Change |", "| --- | --- |", ...rows] : []),
    "",
    `<sub>Written by Patchwise · ${renderModelSpend(options)}. Edit above this section, which the next \`/describe\` replaces.</sub>`,
  ].join("\n");
}
