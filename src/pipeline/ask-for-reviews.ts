import type { ReviewPrompt } from "../core/review/prepare-review.js";
import type { ReviewAnswer } from "../core/review/review-schema.js";
import { describeFailure } from "./describe-failure.js";
import type { ModelClient, ModelUsage } from "./ports.js";
import { requestReviewAnswer } from "./request-review-answer.js";
import { runWithConcurrency } from "./run-with-concurrency.js";

export interface ReviewAnswers {
  answers: ReviewAnswer[];
  /** Files of requests whose answer stayed invalid after the repair retry; they were not reviewed. */
  unusable: Array<{ paths: string[]; errors: string[] }>;
  /** Files of requests that still failed after the provider's retries, with the failure (safe to post); they were not reviewed. */
  failed: Array<{ paths: string[]; reason: string }>;
  usage: ModelUsage;
  requests: number;
}

export interface AskOptions {
  model: string;
  maxOutputTokens: number;
  /** Requests in flight at once; a chunked review takes about as long as its slowest request. */
  concurrency: number;
  signal?: AbortSignal | undefined;
  /** Called as each request gets its answer (valid or not) or fails for good, for progress reports. */
  onAnswer?: () => void;
}

/**
 * Sends every prompt (with bounded concurrency) and keeps the valid answers. A request that still
 * fails after the provider's retries costs only its own files (listed in `failed`); only when
 * every request fails is the first failure thrown, as the review cannot post anything.
 */
export async function askForReviews(client: ModelClient, prompts: ReviewPrompt[], options: AskOptions): Promise<ReviewAnswers> {
  const results = await runWithConcurrency(
    prompts,
    options.concurrency,
    async (prompt) => {
      try {
        return await requestReviewAnswer(client, { model: options.model, system: prompt.system, user: prompt.user, maxOutputTokens: options.maxOutputTokens }, options.signal);
      } catch (error) {
        // A cancelled review stops at once; any other failure is this request's alone.
        if (options.signal?.aborted) throw error;
        return { error };
      } finally {
        options.onAnswer?.();
      }
    },
    options.signal,
  );
  const merged: ReviewAnswers = { answers: [], unusable: [], failed: [], usage: { inputTokens: 0, outputTokens: 0 }, requests: 0 };
  results.forEach((result, index) => {
    const paths = prompts[index]?.paths ?? [];
    if ("error" in result) {
      merged.requests += 1;
      merged.failed.push({ paths, reason: describeFailure(result.error) });
      return;
    }
    merged.usage.inputTokens += result.usage.inputTokens;
    merged.usage.outputTokens += result.usage.outputTokens;
    merged.requests += result.requests;
    if (result.answer) merged.answers.push(result.answer);
    else merged.unusable.push({ paths, errors: result.errors });
  });
  const firstFailure = results.find((result) => "error" in result);
  if (firstFailure && merged.answers.length === 0 && merged.unusable.length === 0) throw firstFailure.error;
  return merged;
}

/** The files of requests that failed or answered unusably, each with the reason, for the summary. */
export function listUnreviewedFiles(asked: Pick<ReviewAnswers, "unusable" | "failed">): Array<{ path: string; reason: string }> {
  return [
    ...asked.unusable.flatMap((entry) => entry.paths.map((path) => ({ path, reason: "the model's answer for it did not match the review schema twice" }))),
    ...asked.failed.flatMap((entry) => entry.paths.map((path) => ({ path, reason: `its model request failed: ${entry.reason}` }))),
  ];
}
