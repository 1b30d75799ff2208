import { scrubRedactedSecrets } from "../redact/check-redacted-secrets.js";
import type { Redaction } from "../redact/build-redaction.js";
import { capPostedLength } from "../sanitize/cap-posted-length.js";
import { GITHUB_COMMENT_MAX_LENGTH, sanitizePostedText } from "../sanitize/sanitize-posted-text.js";
import { renderModelSpend, type ModelSpend } from "./render-model-spend.js";

export interface QuestionAnswerInput extends ModelSpend {
  /** The model's answer, validated but not yet made safe. */
  answer: string;
  /** What was redacted from the prompt: the answer cannot put it back. */
  redaction: Pick<Redaction, "secrets" | "total">;
  githubHost: string;
  /** Said under the answer when the model saw only part of the pull request. */
  notice?: string;
}

// Leaves room for the footer and the marker under the answer.
const FOOTER_ROOM = 1_000;

/** Written into a thread answer that concludes the finding does not hold: the finding is dismissed, as by a 👎. */
export const DISMISSED_MARKER = "<!-- patchwise:dismissed -->";

/** The hidden marker of the answer to one comment (an `/ask`, a reply in a thread): a retried post finds the answer it left. */
export function answerMarker(commentId: number): string {
  return `<!-- patchwise:answer:${commentId} -->`;
}

/**
 * The one comment that answers an `/ask` or a reply in a thread: the sanitised answer, a footer
 * naming the model, its tokens and their cost, and `markers` (ours, written after sanitising). The caller adds the answer's marker.
 */
export function renderQuestionAnswer(input: QuestionAnswerInput, markers: readonly string[] = []): string {
  const scrubbed = input.redaction.total === 0 ? input.answer : scrubRedactedSecrets(input.answer, input.redaction);
  const answer = sanitizePostedText(scrubbed, { githubHost: input.githubHost, maxLength: GITHUB_COMMENT_MAX_LENGTH - FOOTER_ROOM });
  const notice = input.notice ? `\n\n> ${input.notice}` : "";
  const footer = `<sub>Answered by Patchwise · ${renderModelSpend(input)}</sub>`;
  return capPostedLength(`${answer}${notice}\n\n---\n${footer}${markers.map((marker) => `\n${marker}`).join("")}`, GITHUB_COMMENT_MAX_LENGTH);
}
