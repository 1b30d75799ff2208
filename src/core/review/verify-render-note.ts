import { renderCodeSpan } from "./render-code-span.js";

/** What the verify pass did in one review, for the summary (counts only). */
export interface VerificationSummary {
  threshold: number;
  /** Verify requests sent (one per review answer with findings to score). */
  requests: number;
  /** Of those, the ones that failed or answered outside the schema: their findings were kept unverified. */
  failed: number;
  /** Findings that got a score. */
  scored: number;
  /** Findings scored under the threshold and left out. */
  dropped: number;
  tokens: { input: number; output: number };
  /** Set when verification was on but could not run at all (e.g. its prompt templates are missing). */
  unavailable?: string;
}

/** The summary line on the verify pass; "" when it had nothing to score. */
export function renderVerificationNote(verification: VerificationSummary | undefined): string {
  if (!verification) return "";
  if (verification.unavailable) return `🔎 Verification did not run (${verification.unavailable}); every finding was kept.`;
  if (verification.requests === 0) return "";
  const parts = [
    `🔎 Verification: ${verification.scored} finding${verification.scored === 1 ? "" : "s"} scored against the code ${verification.scored === 1 ? "it cites" : "they cite"}`,
    `${verification.dropped} dropped by verification (score under ${verification.threshold})`,
  ];
  const failed =
    verification.failed > 0
      ? ` Verification failed for ${verification.failed} of ${verification.requests} request${verification.requests === 1 ? "" : "s"} (no valid answer); ${verification.failed === 1 ? "its" : "their"} findings were kept unverified.`
      : "";
  return `${parts.join("; ")}.${failed}`;
}

/** The verify pass's token cost for the summary's footer, shown apart from the review's, with its model when that is not the review's; "" when none was spent. */
export function renderVerificationCost(verification: VerificationSummary | undefined, model?: string): string {
  if (!verification || verification.requests === 0) return "";
  const { input, output } = verification.tokens;
  const by = model === undefined ? "" : ` with ${renderCodeSpan(model)}`;
  return ` · verification${by}: ${input.toLocaleString("en-US")} input / ${output.toLocaleString("en-US")} output tokens`;
}
