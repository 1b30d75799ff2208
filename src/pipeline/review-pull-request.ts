import { parseRepoConfig } from "../core/config/parse-repo-config.js";
import { buildLineMap } from "../core/diff/build-line-map.js";
import { HUNK_FORMAT_NOTE, numberHunks } from "../core/diff/number-hunks.js";
import { parsePatches } from "../core/diff/parse-patches.js";
import { filterFiles } from "../core/files/filter-files.js";
import { buildReviewPrompt } from "../core/prompt/build-review-prompt.js";
import { anchorFindings } from "../core/review/anchor-findings.js";
import { buildReviewRequest, renderReviewMarker } from "../core/review/build-review-request.js";
import { renderSummary, type SummaryInput } from "../core/review/render-summary.js";
import type { ReviewJob } from "../core/types.js";
import type { Logger } from "../log.js";
import { describeFailure } from "./describe-failure.js";
import type { ConfigSource, ModelClient, PullRequestSource, ReviewPublisher } from "./ports.js";
import { requestReviewAnswer } from "./request-review-answer.js";

export interface ReviewDependencies {
  source: PullRequestSource;
  publisher: ReviewPublisher;
  config: ConfigSource;
  model: ModelClient;
  /** The operator's model name; a repository may override the name, never the provider. */
  defaultModel: string;
  maxOutputTokens: number;
  templates: { system: string; user: string };
  log: Logger;
  signal?: AbortSignal;
}

/** A job whose head sha may still be unknown (a `/review` comment names only the PR). */
export type PipelineJob = Omit<ReviewJob, "headSha"> & { headSha: string | null };

export type ReviewOutcome =
  | { status: "posted"; headSha: string; inlineComments: number; findings: number; reviewUrl: string }
  | { status: "skipped"; reason: string }
  | { status: "failed"; stage: string; reason: string };

/**
 * The one review orchestration every shell calls: read the PR, ask the model, post one review
 * and upsert one summary. It never throws: a failure ends in a summary comment saying what failed.
 */
export async function reviewPullRequest(job: PipelineJob, deps: ReviewDependencies): Promise<ReviewOutcome> {
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

    stage = "reading the changed files";
    const files = await deps.source.listFiles();
    const filtered = filterFiles(files, config);
    const { patches, skipped: unparsable } = parsePatches(filtered.kept);
    const skippedFiles = [...filtered.skipped, ...unparsable];
    const lineMap = buildLineMap(patches);
    log.info({ ...ids, files: files.length, reviewed: patches.length, skipped: skippedFiles.length }, "files selected");

    stage = "asking the model";
    const prompt = buildReviewPrompt({
      templates: deps.templates,
      title: pr.title,
      body: pr.body,
      files: patches.map((p) => ({ path: p.path, previousPath: p.previousPath, status: p.status, numberedHunks: numberHunks(p) })),
      hunkFormat: HUNK_FORMAT_NOTE,
      instructions: config.instructions,
      skipped: skippedFiles,
    });
    const result = await requestReviewAnswer(
      deps.model,
      { model, system: prompt.system, user: prompt.user, maxOutputTokens: deps.maxOutputTokens },
      deps.signal,
    );
    const tokens = { input: result.usage.inputTokens, output: result.usage.outputTokens };
    log.info({ ...ids, modelRequests: result.requests, ...tokens, valid: result.answer !== null }, "model answered");
    if (!result.answer) {
      const reason = `the model's answer did not match the review schema twice (${result.errors.slice(0, 3).join("; ")}); nothing was posted`;
      await deps.publisher.upsertSummary(
        renderSummary({ ...summaryBase, ...emptyResult(), tokens, skippedFiles, failure: { stage: "validating the model's answer", message: reason } }),
      );
      return failed(log, ids, "validating the model's answer", reason);
    }

    stage = "posting the review";
    const findings = result.answer.findings;
    const anchored = anchorFindings(findings, lineMap, config);
    const summaryInput: SummaryInput = {
      ...summaryBase,
      ...emptyResult(),
      tokens,
      answer: { summary: result.answer.summary, walkthrough: result.answer.walkthrough },
      inlineCount: anchored.inline.length,
      inline: anchored.inline,
      outsideDiff: anchored.outsideDiff,
      belowThreshold: anchored.belowThreshold,
      overLimit: anchored.overLimit,
      skippedFiles,
    };
    const summary = renderSummary(summaryInput);
    const review = await deps.publisher.postReview(
      buildReviewRequest({ headSha: pr.headSha, inline: anchored.inline, body: reviewBody(pr.headSha, anchored.inline.length) }),
    );
    stage = "updating the summary comment";
    await deps.publisher.upsertSummary(summary);
    log.info({ ...ids, inline: anchored.inline.length, findings: findings.length }, "review posted");
    return { status: "posted", headSha: pr.headSha, inlineComments: anchored.inline.length, findings: findings.length, reviewUrl: review.url };
  } catch (error) {
    const reason = describeFailure(error);
    try {
      await deps.publisher.upsertSummary(renderSummary({ ...summaryBase, ...emptyResult(), failure: { stage, message: reason } }));
    } catch (summaryError) {
      log.error({ ...ids, error: describeFailure(summaryError) }, "could not write the failure summary");
    }
    return failed(log, ids, stage, reason);
  }
}

function reviewBody(headSha: string, inlineCount: number): string {
  const text = inlineCount === 0 ? "Patchwise found nothing to comment on inline; see the summary comment." : "Patchwise review: details in the summary comment.";
  return `${text}\n\n${renderReviewMarker(headSha)}`;
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

function skipped(log: Logger, ids: object, reason: string): ReviewOutcome {
  log.info({ ...ids, reason }, "review skipped");
  return { status: "skipped", reason };
}

function failed(log: Logger, ids: object, stage: string, reason: string): ReviewOutcome {
  log.warn({ ...ids, stage, reason }, "review failed");
  return { status: "failed", stage, reason };
}
