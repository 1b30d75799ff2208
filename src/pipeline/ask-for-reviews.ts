import type { ReviewPrompt, SplitPrompt } from "../core/review/prepare-review.js";
import type { ReviewAnswer } from "../core/review/review-schema.js";
import type { SkippedFile } from "../core/types.js";
import { ModelError } from "../providers/model-error.js";
import { describeFailure } from "./describe-failure.js";
import type { ModelClient, ModelUsage, RetryNotice } from "./ports.js";
import { requestReviewAnswer, type ReviewAnswerResult } from "./request-review-answer.js";
import { drainWorkQueue } from "./drain-work-queue.js";

export interface ReviewAnswers {
  answers: ReviewAnswer[];
  /** Files of requests whose answer stayed invalid after the repair retry; they were not reviewed. */
  unusable: Array<{ paths: string[]; errors: string[] }>;
  /** Files of requests that still failed after the provider's retries, with the failure (safe to post); they were not reviewed. */
  failed: Array<{ paths: string[]; reason: string }>;
  /** Files (or hunks) too large for the window a server stated, even alone: not reviewed, with the reason. */
  unfit: SkippedFile[];
  /** Requests split after a server refused them as too long. */
  splits: number;
  usage: ModelUsage;
  requests: number;
}

/** A request split in `parts` after the server refused it as too long (stating `window` tokens, or not). */
export interface SplitEvent {
  /** Which planned request (1-based) of `of` the refused one came from. */
  request: number;
  of: number;
  parts: number;
  window: number | null;
}

export interface AskOptions {
  model: string;
  /** Requests in flight at once; a chunked review takes about as long as its slowest request. */
  concurrency: number;
  signal?: AbortSignal | undefined;
  /** Called as each request gets its answer (valid or not) or fails for good, for progress reports. */
  onAnswer?: () => void;
  /** Splits a request the server refused as too long; without it such a refusal fails the request. */
  split?: (prompt: ReviewPrompt, window: number | null) => SplitPrompt;
  /** The window a server stated in a refusal (to remember for later reviews). */
  onContextWindow?: (window: number) => void;
  onSplit?: (event: SplitEvent) => void;
  /** A request is being sent again after a failure its client retries (which planned request, and why). */
  onRetry?: (event: RetryEvent) => void;
}

/** Planned request `request` of `of` is being sent again: attempt `attempt` of `attempts` at most, and why. */
export interface RetryEvent {
  request: number;
  of: number;
  attempt: number;
  attempts: number;
  reason: string;
}

type Outcome = { paths: string[]; result: ReviewAnswerResult } | { paths: string[]; error: unknown };

// A request to send: its prompt, which planned request it comes from, and where it sorts (a split
// request's parts sort where it did, so that answers keep the planned order whatever ends first).
interface Queued {
  prompt: ReviewPrompt;
  index: number;
  order: number[];
}

/**
 * Sends every prompt (with bounded concurrency) and keeps the valid answers. A request the server
 * refuses as longer than its context window is split (by files, then hunks) and its parts queued
 * first, to run as concurrently as the rest; once a server stated its window, later requests
 * larger than it are split before they go. A request that still fails costs only its own files
 * (`failed`); only when every request fails is the first failure thrown, as the review cannot
 * post anything.
 */
export async function askForReviews(client: ModelClient, prompts: ReviewPrompt[], options: AskOptions): Promise<ReviewAnswers> {
  let statedWindow: number | null = null;
  const unfit: SkippedFile[] = [];
  const outcomes: Array<{ order: number[]; outcome: Outcome }> = [];
  let splits = 0;
  let lastRefusal: ModelError | undefined;
  const split = ({ prompt, index, order }: Queued, window: number | null): Queued[] => {
    const parts = options.split!(prompt, window);
    splits += 1;
    unfit.push(...parts.unfit);
    options.onSplit?.({ request: index + 1, of: prompts.length, parts: parts.prompts.length, window });
    return parts.prompts.map((part, position) => ({ prompt: part, index, order: [...order, position] }));
  };
  const ask = async (queued: Queued, enqueue: (...more: Queued[]) => void): Promise<void> => {
    const { prompt, index, order } = queued;
    const record = (outcome: Outcome) => outcomes.push({ order, outcome });
    if (options.split && statedWindow !== null && prompt.inputTokens + prompt.maxOutputTokens > statedWindow) return enqueue(...split(queued, statedWindow));
    try {
      const onRetry = options.onRetry;
      const request = {
        model: options.model,
        system: prompt.system,
        user: prompt.user,
        maxOutputTokens: prompt.maxOutputTokens,
        ...(onRetry ? { onRetry: (notice: RetryNotice) => onRetry({ request: index + 1, of: prompts.length, attempt: notice.attempt, attempts: notice.of, reason: notice.reason }) } : {}),
      };
      record({ paths: prompt.paths, result: await requestReviewAnswer(client, request, options.signal) });
      options.onAnswer?.();
    } catch (error) {
      // A cancelled review stops at once; any other failure is this request's alone.
      if (options.signal?.aborted) throw error;
      const refusal = error instanceof ModelError ? error.contextLength : undefined;
      if (refusal && options.split) {
        lastRefusal = error as ModelError;
        if (refusal.window !== null) {
          statedWindow = Math.min(statedWindow ?? refusal.window, refusal.window);
          options.onContextWindow?.(refusal.window);
        }
        record({ paths: [], result: REFUSED });
        return enqueue(...split(queued, refusal.window));
      }
      record({ paths: prompt.paths, error });
      options.onAnswer?.();
    }
  };
  await drainWorkQueue(prompts.map((prompt, index) => ({ prompt, index, order: [index] })), options.concurrency, ask, options.signal);
  const inOrder = outcomes.sort((a, b) => compareOrder(a.order, b.order)).map((entry) => entry.outcome);

  const merged: ReviewAnswers = { answers: [], unusable: [], failed: [], unfit, splits, usage: { inputTokens: 0, outputTokens: 0 }, requests: 0 };
  for (const outcome of inOrder) {
    if ("error" in outcome) {
      merged.requests += 1;
      merged.failed.push({ paths: outcome.paths, reason: describeFailure(outcome.error) });
      continue;
    }
    const { result } = outcome;
    merged.usage.inputTokens += result.usage.inputTokens;
    merged.usage.outputTokens += result.usage.outputTokens;
    merged.requests += result.requests;
    if (result === REFUSED) continue;
    if (result.answer) merged.answers.push(result.answer);
    else merged.unusable.push({ paths: outcome.paths, errors: result.errors });
  }
  const firstFailure = inOrder.find((outcome) => "error" in outcome);
  if (firstFailure && "error" in firstFailure && merged.answers.length === 0 && merged.unusable.length === 0) throw firstFailure.error;
  // Every part was refused as too long down to single hunks: nothing was reviewed, and the refusal says why.
  if (lastRefusal && merged.answers.length === 0 && merged.unusable.length === 0) throw lastRefusal;
  return merged;
}

function compareOrder(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return a.length - b.length;
}

// A request the server refused as too long and that was split: it counts as a request, with no answer of its own.
const REFUSED: ReviewAnswerResult = { answer: null, errors: [], usage: { inputTokens: 0, outputTokens: 0 }, requests: 1 };

/** The files of requests that failed or answered unusably, each with the reason, for the summary. */
export function listUnreviewedFiles(asked: Pick<ReviewAnswers, "unusable" | "failed">): Array<{ path: string; reason: string }> {
  return [
    ...asked.unusable.flatMap((entry) => entry.paths.map((path) => ({ path, reason: "the model's answer for it did not match the review schema twice" }))),
    ...asked.failed.flatMap((entry) => entry.paths.map((path) => ({ path, reason: `its model request failed: ${entry.reason}` }))),
  ];
}
