import type { ModelAnswerCount, ReviewPart } from "./count-model-answers.js";
import { renderCodeSpan } from "./render-code-span.js";

/**
 * The footer's note on the requests of `part` that a fallback model answered instead of
 * `requested` ("" when none did), so a review is never answered by a model the reader cannot see.
 */
export function renderFallbackAnswers(answeredBy: readonly ModelAnswerCount[] | undefined, part: ReviewPart, requested: string): string {
  const answers = (answeredBy ?? []).filter((entry) => entry.part === part);
  const total = answers.reduce((sum, entry) => sum + entry.requests, 0);
  return answers
    .filter((entry) => entry.model !== requested)
    .map((entry) => ` · fallback ${renderCodeSpan(entry.model)} answered ${entry.requests} of ${total} ${part} request${total === 1 ? "" : "s"}`)
    .join("");
}
