import { scrubRedactedSecrets } from "../redact/check-redacted-secrets.js";
import type { Redaction } from "../redact/build-redaction.js";
import type { ReviewAnswer } from "./review-schema.js";

/**
 * The model's answer with every value that was redacted from the prompt replaced again: a model
 * that guessed, or was told, a secret cannot put it into a comment.
 */
export function scrubAnswer(answer: ReviewAnswer, redaction: Pick<Redaction, "secrets" | "total">): ReviewAnswer {
  if (redaction.total === 0) return answer;
  const scrub = (text: string) => scrubRedactedSecrets(text, redaction);
  return {
    summary: scrub(answer.summary),
    walkthrough: answer.walkthrough.map((entry) => ({ path: entry.path, change: scrub(entry.change) })),
    findings: answer.findings.map((finding) => ({
      ...finding,
      title: scrub(finding.title),
      body: scrub(finding.body),
      suggestion: finding.suggestion === null ? null : scrub(finding.suggestion),
    })),
  };
}
