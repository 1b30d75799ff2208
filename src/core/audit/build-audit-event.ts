import type { CommandRequest, FilePatch, ReviewTrigger } from "../types.js";
import type { ModelAnswerCount } from "../review/count-model-answers.js";
import type { AuditEvent } from "./audit-event-schema.js";

/** The job an audit event is about: references only (a `ReviewJob`/`PipelineJob` fits, plus the actor). */
export interface AuditJob {
  deliveryId: string;
  installationId: number | null;
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string | null;
  trigger: ReviewTrigger;
  actor?: string | null;
  /** The command's name (absent for `/review` and pushes). */
  command?: Pick<CommandRequest, "name"> | undefined;
}

/** What a review that ran reports. The pipeline's `ReviewOutcome` fits as it is; later fields default to 0. */
export interface AuditReviewFacts {
  status: "posted" | "skipped" | "failed";
  /** The commit reviewed (a posted review of a `/review` command learns it only from the PR). */
  headSha?: string;
  stage?: string;
  reason?: string;
  inlineComments?: number;
  /** Model requests that failed for good in a posted review, and the files they held. */
  partial?: { requests: number; files: number };
  durationMs: number;
  modelRequests: { provider: string; model: string; inputTokens: number; outputTokens: number; answeredBy?: readonly ModelAnswerCount[] };
  sent?: { files: number; lines: number; relatedLines?: number };
  /** Redacted secrets by type (counts only). */
  secretsRedacted?: Readonly<Record<string, number>>;
}

/** What an answering command that ran reports (its `AnswerResult` fits): no files or lines, one model request at most. */
export interface AuditAnswerFacts {
  status: "answered" | "skipped" | "failed";
  stage?: string;
  reason?: string;
  durationMs: number;
  /** What the one request sent, once it was sent. */
  sent: { files: number; lines: number; relatedLines: number; secretsRedacted: Readonly<Record<string, number>> } | null;
  modelRequest: { provider: string; model: string; inputTokens: number; outputTokens: number } | null;
}

/** A review that ran (`review`), an answering command that ran (`answer`; `describe: auto` is one), or a request refused before it could run (`refused`: why). */
export type AuditInput =
  | { time: Date; job: AuditJob; review: AuditReviewFacts }
  | { time: Date; job: AuditJob; answer: AuditAnswerFacts }
  | { time: Date; job: AuditJob; refused: string };

/** The fields every event has: who and what it is about. */
type EventBase = Pick<AuditEvent, "schemaVersion" | "time" | "deliveryId" | "installationId" | "repository" | "pullNumber" | "trigger" | "actor" | "command">;

/** Builds the one audit event of a review or a refusal: ids, counts and outcome, never content. */
export function buildAuditEvent(input: AuditInput): AuditEvent {
  const { job } = input;
  const base: EventBase = {
    schemaVersion: 1,
    time: input.time.toISOString(),
    deliveryId: job.deliveryId,
    installationId: job.installationId,
    repository: `${job.owner}/${job.repo}`,
    pullNumber: job.pullNumber,
    trigger: job.trigger,
    actor: job.actor ?? null,
    // An answer without a command is `describe: auto`; a run without one is a review.
    command: job.command?.name ?? ("answer" in input ? "describe" : "review"),
  };
  if ("refused" in input) {
    return {
      ...base,
      headSha: job.headSha,
      decision: { action: "refused", reason: input.refused },
      provider: null,
      model: null,
      answeredBy: [],
      sent: { files: 0, lines: 0, relatedLines: 0 },
      tokens: { input: 0, output: 0 },
      secretsRedacted: { count: 0, byType: {} },
      commentsPosted: 0,
      partial: null,
      durationMs: 0,
      outcome: { status: "skipped", stage: null, reason: input.refused },
    };
  }
  if ("answer" in input) return answerEvent(base, input.answer);
  const { review } = input;
  const byType = countsOnly(review.secretsRedacted ?? {});
  return {
    ...base,
    headSha: job.headSha ?? review.headSha ?? null,
    decision: { action: "run" },
    provider: review.modelRequests.provider,
    model: review.modelRequests.model,
    answeredBy: (review.modelRequests.answeredBy ?? []).map(({ part, model, requests }) => ({ part, model, requests: whole(requests) })),
    sent: { files: whole(review.sent?.files), lines: whole(review.sent?.lines), relatedLines: whole(review.sent?.relatedLines) },
    tokens: { input: whole(review.modelRequests.inputTokens), output: whole(review.modelRequests.outputTokens) },
    secretsRedacted: { count: Object.values(byType).reduce((sum, n) => sum + n, 0), byType },
    commentsPosted: review.status === "posted" ? whole(review.inlineComments) : 0,
    partial: review.status === "posted" && review.partial ? { failedRequests: whole(review.partial.requests), files: whole(review.partial.files) } : null,
    durationMs: whole(review.durationMs),
    outcome: { status: review.status, stage: review.status === "failed" ? (review.stage ?? null) : null, reason: review.reason ?? null },
  };
}

// An answer posts one comment (or writes the description): `commentsPosted` counts inline review comments only, so it stays 0.
function answerEvent(base: EventBase, answer: AuditAnswerFacts): AuditEvent {
  const request = answer.modelRequest;
  const byType = countsOnly(answer.sent?.secretsRedacted ?? {});
  return {
    ...base,
    headSha: null,
    decision: { action: "run" },
    provider: request?.provider ?? null,
    model: request?.model ?? null,
    answeredBy: [],
    sent: { files: whole(answer.sent?.files), lines: whole(answer.sent?.lines), relatedLines: whole(answer.sent?.relatedLines) },
    tokens: { input: whole(request?.inputTokens), output: whole(request?.outputTokens) },
    secretsRedacted: { count: Object.values(byType).reduce((sum, n) => sum + n, 0), byType },
    commentsPosted: 0,
    partial: null,
    durationMs: whole(answer.durationMs),
    outcome: { status: answer.status === "answered" ? "posted" : answer.status, stage: answer.status === "failed" ? (answer.stage ?? null) : null, reason: answer.reason ?? null },
  };
}

/** Files and diff lines a set of reviewed patches sends to the model, for `AuditReviewFacts.sent`. */
export function countSentLines(patches: readonly FilePatch[]): { files: number; lines: number } {
  return { files: patches.length, lines: patches.reduce((sum, patch) => sum + patch.hunks.reduce((n, hunk) => n + hunk.lines.length, 0), 0) };
}

// Timings come from performance.now() (fractions); the schema promises whole, non-negative numbers.
function whole(value: number | undefined): number {
  return Math.max(0, Math.round(value ?? 0));
}

function countsOnly(byType: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(byType).filter(([, n]) => n > 0).map(([type, n]) => [type, whole(n)]));
}
