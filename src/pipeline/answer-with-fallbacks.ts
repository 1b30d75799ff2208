import { countModelAnswer, type ModelAnswerCount, type ReviewPart } from "../core/review/count-model-answers.js";
import type { Logger } from "../log.js";
import { withFallbackModels } from "../providers/with-fallback-models.js";
import type { ModelClient } from "./ports.js";

export interface AnswerWithFallbacksOptions {
  /** The operator's fallback models (PATCHWISE_FALLBACK_MODELS). */
  fallbacks: readonly string[];
  /** Where each answer is counted, under its part and the model that gave it. */
  answeredBy: ModelAnswerCount[];
  log: Pick<Logger, "warn">;
  ids: object;
}

/**
 * The provider's client for one part of a review: a request its model cannot answer goes to the
 * operator's fallbacks (logged by model name and error kind), and every answer is counted.
 */
export function answerWithFallbacks(client: ModelClient, part: ReviewPart, options: AnswerWithFallbacksOptions): ModelClient {
  return withFallbackModels(client, {
    fallbacks: options.fallbacks,
    onAnswer: (model) => countModelAnswer(options.answeredBy, part, model),
    onFallback: ({ from, to, error }) =>
      options.log.warn({ ...options.ids, part, from, to, errorKind: error.kind, status: error.status }, "model failed: asking the next fallback model"),
  });
}
