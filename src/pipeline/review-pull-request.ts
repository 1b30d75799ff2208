import type { AuditEvent } from "../core/audit/audit-event-schema.js";
import { buildAuditEvent, countSentLines } from "../core/audit/build-audit-event.js";
import { parseRepoConfig } from "../core/config/parse-repo-config.js";
import { concludeReview } from "../core/review/conclude-review.js";
import { noteUnlistedFiles } from "../core/files/note-unlisted-files.js";
import { prepareReview } from "../core/review/prepare-review.js";
import { renderSummary, type SummaryInput } from "../core/review/render-summary.js";
import { sizeModelRequests } from "../core/tokens/size-model-requests.js";
import type { ReviewJob, Severity } from "../core/types.js";
import type { Logger } from "../log.js";
import { askForReviews, type ReviewAnswers } from "./ask-for-reviews.js";
import { describeFailure } from "./describe-failure.js";
import type { ConfigSource, ModelClient, PullRequestSource, ReviewPublisher } from "./ports.js";

export interface ReviewDependencies {
  source: PullRequestSource;
  publisher: ReviewPublisher;
  config: ConfigSource;
  model: ModelClient;
  /** The operator's model name; a repository may override the name, never the provider. */
  defaultModel: string;
  /** The operator's model limits (environment); the repository may only lower the window. */
  modelLimits: { maxOutputTokens: number; contextWindow?: number | undefined; concurrency: number };
  templates: { system: string; user: string };
  log: Logger;
  signal?: AbortSignal;
  /** Receives the one audit event of this review (ids, counts and outcome; never content). */
  audit?: (event: AuditEvent) => void | Promise<void>;
}

const SUPERSEDED = "superseded by a newer commit of the pull request";

/** A job whose head sha may still be unknown (a `/review` comment names only the PR). */
export type PipelineJob = Omit<ReviewJob, "headSha"> & { headSha: string | null };

export type ReviewOutcome = ReviewResult & ReviewTimings & { modelRequests: ModelRequestCounts; sent: SentCounts; secretsRedacted: Record<string, number> };

/** What reached the model: files and changed lines (counts only). */
export interface SentCounts {
  files: number;
  lines: number;
  relatedLines: number;
}

/** Wall time of the whole review and of its model phase; the rest is time outside the model. */
export interface ReviewTimings {
  durationMs: number;
  modelMs: number;
}

export interface ModelRequestCounts {
  provider: string;
  model: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
}

export type ReviewResult =
  | {
      status: "posted";
      headSha: string;
      inlineComments: number;
      findings: number;
      /** Severities of the findings reported (inline or in the summary), for a fail-on check. */
      severities: Severity[];
      reviewUrl: string;
    }
  | { status: "skipped"; reason: string }
  | { status: "failed"; stage: string; reason: string };

/**
 * The one review orchestration every shell calls: read the PR, ask the model, post one review
 * and upsert one summary. It never throws: a failure ends in a summary comment saying what failed.
 */
export async function reviewPullRequest(job: PipelineJob, deps: ReviewDependencies): Promise<ReviewOutcome> {
  const started = performance.now();
  const usage: ModelRequestCounts = { provider: deps.model.provider, model: deps.defaultModel, requests: 0, inputTokens: 0, outputTokens: 0 };
  const facts: ReviewFacts = { timings: { durationMs: 0, modelMs: 0 }, sent: { files: 0, lines: 0, relatedLines: 0 }, secretsRedacted: {} };
  const result = await runReview(job, deps, usage, facts);
  facts.timings.durationMs = performance.now() - started;
  const outcome: ReviewOutcome = { ...result, ...facts.timings, modelRequests: usage, sent: facts.sent, secretsRedacted: facts.secretsRedacted };
  await deps.audit?.(buildAuditEvent({ time: new Date(), job, review: outcome }));
  return outcome;
}

// Filled in as the review goes, so a failure still reports what had happened by then.
interface ReviewFacts {
  timings: ReviewTimings;
  sent: SentCounts;
  secretsRedacted: Record<string, number>;
}

async function runReview(job: PipelineJob, deps: ReviewDependencies, usage: ModelRequestCounts, facts: ReviewFacts): Promise<ReviewResult> {
  const { timings } = facts;
  const { log } = deps;
  const ids = { deliveryId: job.deliveryId, owner: job.owner, repo: job.repo, pullNumber: job.pullNumber };
  let stage = "checking for an earlier review";
  let summaryBase: Pick<SummaryInput, "headSha" | "model" | "provider" | "configErrors"> = {
    headSha: job.headSha ?? "",
    model: deps.defaultModel,
    provider: deps.model.provider,
    configErrors: [],
  };
  try {
    const automatic = job.trigger !== "command";
    if (automatic && job.headSha && (await deps.publisher.hasReviewForCommit(job.headSha))) {
      return skipped(log, ids, "this commit already has a Patchwise review");
    }

    stage = "reading the repository configuration";
    const { config, errors: configErrors } = parseRepoConfig(await deps.config.loadRepoConfig());
    const model = config.model ?? deps.defaultModel;
    summaryBase = { ...summaryBase, model, configErrors };
    usage.model = model;

    stage = "reading the pull request";
    const pr = await deps.source.getPullRequest();
    summaryBase.headSha = pr.headSha;
    if (pr.state !== "open") return skipped(log, ids, "the pull request is closed");
    if (automatic && !config.autoReview) return skipped(log, ids, "autoReview is off in .github/patchwise.yml");
    if (automatic && pr.draft && !config.drafts) return skipped(log, ids, "draft pull request (set drafts: true to review drafts)");
    if (!automatic && (await deps.publisher.hasReviewForCommit(pr.headSha))) {
      await deps.publisher.upsertSummary(
        renderSummary({ ...summaryBase, ...emptyResult(), notice: `Commit ${pr.headSha.slice(0, 7)} already has a Patchwise review; push a new commit to get a new one.` }),
      );
      return skipped(log, ids, "command for a commit that already has a review");
    }

    if (deps.signal?.aborted) return skipped(log, ids, SUPERSEDED);
    stage = "reading the changed files";
    const sizing = sizeModelRequests(model, {
      operatorContextWindow: deps.modelLimits.contextWindow,
      repoContextWindow: config.contextWindow,
      maxOutputTokens: deps.modelLimits.maxOutputTokens,
    });
    const files = await deps.source.listFiles();
    const prepared = await prepareReview({ title: pr.title, body: pr.body, files, config, templates: deps.templates, ...sizing });
    const unlisted = noteUnlistedFiles(pr.changedFiles, files.length);
    const sentPaths = new Set(prepared.prompts.flatMap((prompt) => prompt.paths));
    facts.sent = { ...countSentLines(prepared.patches.filter((patch) => sentPaths.has(patch.path))), relatedLines: 0 };
    facts.secretsRedacted = prepared.redaction.counts;
    const skippedFiles = prepared.skippedFiles;
    log.info({ ...ids, reviewed: prepared.patches.length, skipped: skippedFiles.length, requests: prepared.prompts.length }, "files selected");

    stage = "asking the model";
    const askStarted = performance.now();
    // Nothing left to send (every file filtered or over a limit): no model call, and the summary says why.
    const asked = prepared.prompts.length === 0 ? nothingToReview() : await askForReviews(deps.model, prepared.prompts, {
      model,
      maxOutputTokens: sizing.limits.maxOutputTokens,
      concurrency: deps.modelLimits.concurrency,
      signal: deps.signal,
    });
    timings.modelMs = performance.now() - askStarted;
    Object.assign(usage, { requests: asked.requests, inputTokens: asked.usage.inputTokens, outputTokens: asked.usage.outputTokens });
    const tokens = { input: asked.usage.inputTokens, output: asked.usage.outputTokens };
    log.info({ ...ids, modelRequests: asked.requests, ...tokens, valid: asked.answers.length, invalid: asked.unusable.length }, "model answered");
    if (asked.answers.length === 0) {
      const errors = asked.unusable.flatMap((entry) => entry.errors);
      const reason = `the model's answer did not match the review schema twice (${errors.slice(0, 3).join("; ")}); nothing was posted`;
      await deps.publisher.upsertSummary(
        renderSummary({ ...summaryBase, ...emptyResult(), tokens, skippedFiles, failure: { stage: "validating the model's answer", message: reason } }),
      );
      return failed(log, ids, "validating the model's answer", reason);
    }

    // A newer commit arrived while the model worked: its review will replace this one.
    if (deps.signal?.aborted) return skipped(log, ids, SUPERSEDED);

    stage = "posting the review";
    const unusableFiles = asked.unusable.flatMap((entry) => entry.paths.map((path) => ({ path, reason: "the model's answer for it did not match the review schema twice" })));
    const existingComments = await deps.publisher.listOwnComments();
    const concluded = concludeReview({
      headSha: pr.headSha,
      answers: asked.answers,
      lineMap: prepared.lineMap,
      config,
      redaction: prepared.redaction,
      committedSecrets: prepared.committedSecrets,
      patches: prepared.patches,
      existingComments,
      summary: { ...summaryBase, tokens, skippedFiles: [...skippedFiles, ...unusableFiles], ...(unlisted ? { notice: unlisted } : {}) },
    });
    const review = await deps.publisher.postReview(concluded.review);
    stage = "updating the summary comment";
    await deps.publisher.upsertSummary(concluded.summary);
    const inlineComments = concluded.inline.length;
    log.info({ ...ids, inline: inlineComments, findings: concluded.findingCount }, "review posted");
    const { inline, overLimit, outsideDiff } = concluded.anchored;
    const severities = [...inline, ...overLimit, ...outsideDiff].map((finding) => finding.severity);
    return { status: "posted", headSha: pr.headSha, inlineComments, findings: concluded.findingCount, severities, reviewUrl: review.url };
  } catch (error) {
    if (deps.signal?.aborted) return skipped(log, ids, SUPERSEDED);
    const reason = describeFailure(error);
    try {
      await deps.publisher.upsertSummary(renderSummary({ ...summaryBase, ...emptyResult(), failure: { stage, message: reason } }));
    } catch (summaryError) {
      log.error({ ...ids, error: describeFailure(summaryError) }, "could not write the failure summary");
    }
    return failed(log, ids, stage, reason);
  }
}

function nothingToReview(): ReviewAnswers {
  const answer = { summary: "No changed file of this pull request could be reviewed; the files and reasons are listed below.", walkthrough: [], findings: [] };
  return { answers: [answer], unusable: [], usage: { inputTokens: 0, outputTokens: 0 }, requests: 0 };
}

function emptyResult(): Omit<SummaryInput, "headSha" | "model" | "provider" | "configErrors"> {
  return {
    tokens: { input: 0, output: 0 },
    answer: null,
    inlineCount: 0,
    outsideDiff: [],
    belowThreshold: [],
    overLimit: [],
    skippedFiles: [],
    failure: null,
  };
}

function skipped(log: Logger, ids: object, reason: string): ReviewResult {
  log.info({ ...ids, reason }, "review skipped");
  return { status: "skipped", reason };
}

function failed(log: Logger, ids: object, stage: string, reason: string): ReviewResult {
  log.warn({ ...ids, stage, reason }, "review failed");
  return { status: "failed", stage, reason };
}
