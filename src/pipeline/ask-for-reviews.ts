import type { ReviewPrompt } from "../core/review/prepare-review.js";
import type { ReviewAnswer } from "../core/review/review-schema.js";
import type { ModelClient, ModelUsage } from "./ports.js";
import { requestReviewAnswer } from "./request-review-answer.js";
import { runWithConcurrency } from "./run-with-concurrency.js";

export interface ReviewAnswers {
  answers: ReviewAnswer[];
  /** Files of requests whose answer stayed invalid after the repair retry; they were not reviewed. */
  unusable: Array<{ paths: string[]; errors: string[] }>;
  usage: ModelUsage;
  requests: number;
}

export interface AskOptions {
  model: string;
  maxOutputTokens: number;
  /** Requests in flight at once; a chunked review takes about as long as its slowest request. */
  concurrency: number;
  signal?: AbortSignal;
  /** Called as each request gets its answer (valid or not), for progress reports. */
  onAnswer?: () => void;
}

/** Sends every prompt (with bounded concurrency) and keeps the valid answers; provider failures propagate. */
export async function askForReviews(client: ModelClient, prompts: ReviewPrompt[], options: AskOptions): Promise<ReviewAnswers> {
  const results = await runWithConcurrency(
    prompts,
    options.concurrency,
    async (prompt) => {
      const result = await requestReviewAnswer(client, { model: options.model, system: prompt.system, user: prompt.user, maxOutputTokens: options.maxOutputTokens }, options.signal);
      options.onAnswer?.();
      return result;
    },
    options.signal,
  );
  const merged: ReviewAnswers = { answers: [], unusable: [], usage: { inputTokens: 0, outputTokens: 0 }, requests: 0 };
  results.forEach((result, index) => {
    merged.usage.inputTokens += result.usage.inputTokens;
    merged.usage.outputTokens += result.usage.outputTokens;
    merged.requests += result.requests;
    if (result.answer) merged.answers.push(result.answer);
    else merged.unusable.push({ paths: prompts[index]?.paths ?? [], errors: result.errors });
  });
  return merged;
}
