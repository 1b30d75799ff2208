import { answerMarker } from "../core/review/render-question-answer.js";
import { guardPostedText } from "../core/sanitize/guard-posted-text.js";
import type { Logger } from "../log.js";
import { describeFailure } from "./describe-failure.js";
import { NotAnsweredError } from "./prepare-answer.js";
import type { PipelineJob, SentCounts } from "./review-outcome.js";

export type AnswerResult = ({ status: "answered"; url: string } | { status: "skipped"; reason: string } | { status: "failed"; stage: string; reason: string }) & AnswerFacts;

/** What an answer cost, for metrics and the audit (counts, never text). */
export interface AnswerFacts {
  durationMs: number;
  /** What the model request sent, once it was sent (null when none was): files, diff lines, related lines, and secrets redacted by type. */
  sent: (SentCounts & { secretsRedacted: Record<string, number> }) | null;
  /** The model request, once it was answered (null when none was); an answer that failed later still spent it. */
  modelRequest: AnsweredRequest | null;
}

export interface AnsweredRequest {
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
}

/** Where an answer is, for the failure reply; the steps move it on as they go, and the model request records what it spent. */
export interface AnswerProgress {
  stage: string;
  sent?: AnswerFacts["sent"];
  modelRequest?: AnsweredRequest;
}

export interface RunAnswerOptions {
  log: Logger;
  signal?: AbortSignal | undefined;
  /** Posts one comment where the answer belongs; after a failed attempt, one carrying `marker` counts as posted. */
  post(body: string, marker: string): Promise<{ url: string }>;
  /** Where a failure is told (default: `post`; nowhere when null). */
  postFailure?: ((body: string, marker: string) => Promise<unknown>) | null;
  /** The id the answer's marker names (default: the command's comment). */
  markerId?: number;
}

/**
 * The frame every answering command (`/ask`, thread answers) runs in: `steps` return the body to
 * post (sanitised already; the answer's marker is added here) or a reason to skip. A failure is
 * answered with its stage and a code-free reason, so the person who asked is not left waiting; a
 * stop from outside ends quietly. It never throws.
 */
export async function runAnswer(job: PipelineJob, options: RunAnswerOptions, steps: (commentId: number, progress: AnswerProgress) => Promise<string | { skip: string }>): Promise<AnswerResult> {
  const ids = { deliveryId: job.deliveryId, owner: job.owner, repo: job.repo, pullNumber: job.pullNumber };
  const started = performance.now();
  const progress: AnswerProgress = { stage: "reading the comment" };
  const facts = (): AnswerFacts => ({ durationMs: Math.round(performance.now() - started), sent: progress.sent ?? null, modelRequest: progress.modelRequest ?? null });
  const commentId = options.markerId ?? job.command?.commentId;
  if (commentId === undefined) return skipped(options.log, ids, "the job names no comment", facts());
  const marker = answerMarker(commentId);
  try {
    const body = await steps(commentId, progress);
    if (typeof body !== "string") return skipped(options.log, ids, body.skip, facts());
    progress.stage = "posting the answer";
    options.signal?.throwIfAborted();
    const posted = await options.post(guardPostedText(`${body}\n${marker}`), marker);
    return { status: "answered", url: posted.url, ...facts() };
  } catch (error) {
    if (options.signal?.aborted) return skipped(options.log, ids, "stopped before the answer was posted", facts());
    const { stage } = progress;
    const reason = error instanceof NotAnsweredError ? error.message : describeFailure(error);
    options.log.warn({ ...ids, stage, reason }, "not answered");
    const postFailure = options.postFailure === undefined ? options.post : options.postFailure;
    try {
      await postFailure?.(guardPostedText(`Patchwise could not answer this (${stage}): ${reason}\n${marker}`), marker);
    } catch (postError) {
      options.log.error({ ...ids, error: describeFailure(postError) }, "could not post that the answer failed");
    }
    return { status: "failed", stage, reason, ...facts() };
  }
}

function skipped(log: Logger, ids: object, reason: string, facts: AnswerFacts): AnswerResult {
  log.info({ ...ids, reason }, "answer skipped");
  return { status: "skipped", reason, ...facts };
}
