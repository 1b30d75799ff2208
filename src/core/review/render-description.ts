import { scrubRedactedSecrets } from "../redact/check-redacted-secrets.js";
import type { Redaction } from "../redact/build-redaction.js";
import { sanitizePostedText } from "../sanitize/sanitize-posted-text.js";
import type { ModelPrice } from "../files/apply-review-budget.js";
import { renderTokenCost } from "../tokens/render-token-cost.js";
import { renderCodeSpan } from "./render-code-span.js";
import type { DescribeAnswer } from "./describe-schema.js";

// A description is capped by GitHub like a comment; the author's text needs room beside ours.
const MAX_PART_LENGTH = 8_000;
const MAX_ROW_LENGTH = 1_000;

export interface DescriptionOptions {
  redaction: Pick<Redaction, "secrets" | "total">;
  githubHost: string;
  model: string;
  provider: string;
  tokens: { input: number; output: number };
  /** The model's price (the operator's, else the catalog's); null when unknown, and the footer gives tokens only. */
  price: ModelPrice | null;
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
    `<sub>Written by Patchwise · model ${renderCodeSpan(options.model)} via ${options.provider} · ${renderTokenCost(options.tokens, options.price)}. Edit above this section, which the next \`/describe\` replaces.</sub>`,
  ].join("\n");
}
