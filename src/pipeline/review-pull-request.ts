import type { AuditEvent } from "../core/audit/audit-event-schema.js";
import { buildAuditEvent, countSentLines } from "../core/audit/build-audit-event.js";
import { describeConfigProblem } from "../core/config/describe-config-problem.js";
import { countShownLines } from "../core/context/count-shown-lines.js";
import { parseRepoConfig } from "../core/config/parse-repo-config.js";
import { concludeReview } from "../core/review/conclude-review.js";
import { noteUnlistedFiles } from "../core/files/note-unlisted-files.js";
import { prepareReview } from "../core/review/prepare-review.js";
import { reviewBudget } from "../core/files/review-budget-settings.js";
import { costOf, type ModelPrice } from "../core/files/apply-review-budget.js";
import { MAX_LISTED_SKIPPED_FILES, renderSummary, type SummaryInput } from "../core/review/render-summary.js";
import { describeModel } from "../core/tokens/describe-model.js";
import { sizeModelRequests } from "../core/tokens/size-model-requests.js";
import { loadBpeCount } from "../tokens/load-bpe-count.js";
import type { Severity } from "../core/types.js";
import type { RateLimitWait } from "../core/progress/describe-rate-limit-wait.js";
import { ConfigReadError } from "../github/config-read-error.js";
import { REPO_CONFIG_PATH } from "../github/repo-config-source.js";
import type { Logger } from "../log.js";
import { askForReviews, listUnreviewedFiles, type ReviewAnswers } from "./ask-for-reviews.js";
import type { KnownWindows } from "./known-windows.js";
import { describeTruncation, type ProbeWindow } from "../providers/create-window-probe.js";
import { describeErrorType } from "./describe-error-type.js";
import { describeFailure } from "./describe-failure.js";
import { ReviewStoppedError } from "./review-stopped-error.js";
import { gatherRelatedCode } from "./gather-related-code.js";
import { loadInstructionFiles } from "./load-instruction-files.js";
import { prepareSuggestionChecks } from "./prepare-suggestion-checks.js";
import { shareSnapshot } from "./share-snapshot.js";
import { verifyAndCount } from "./verify-and-count.js";
import { countFeedback, type FeedbackCounts } from "../core/findings/count-feedback.js";
import type { PromptTemplates } from "../prompts/load-prompt-templates.js";
import type { ConfigSource, ModelClient, ProgressReporter, PullRequestSource, RepoReader, ReviewPublisher } from "./ports.js";
import { planReviewRange } from "./plan-review-range.js";
import { trackProgress, type ProgressTracker } from "./report-progress.js";
import { parseReviewStateMarker, type ReviewState } from "../core/review/review-state.js";
import { reachesSeverity } from "../core/review/reaches-severity.js";
import type { ReviewPart } from "../core/review/count-model-answers.js";
import { answerWithFallbacks } from "./answer-with-fallbacks.js";
import type { ModelRequestCounts, PipelineJob, ReviewOutcome, ReviewResult, ReviewTimings, SentCounts } from "./review-outcome.js";

export interface ReviewDependencies {
  source: PullRequestSource;
  publisher: ReviewPublisher;
  config: ConfigSource;
  model: ModelClient;
  /** The operator's model name; a repository may override the name, never the provider. */
  defaultModel: string;
  /** The operator's model for the verify pass (PATCHWISE_MODEL_LIGHT); the review's model when unset. A repository may override the name. */
  lightModel?: string | undefined;
  /** The operator's fallback models (PATCHWISE_FALLBACK_MODELS): a request its model cannot answer goes to these, in order, and to no other. */
  fallbackModels?: readonly string[];
  /** The operator's model limits (environment); the repository may only lower the window. */
  modelLimits: {
    maxOutputTokens: number;
    contextWindow?: number | undefined;
    concurrency: number;
    requestTokens?: number | undefined;
    /** What one review may send and cost (the repository may lower both); no limit when unset. */
    maxReviewTokens?: number | undefined;
    maxReviewCostUsd?: number | undefined;
    /** The operator's price of the model (PATCHWISE_MODEL_PRICE), replacing the catalog's. */
    price?: ModelPrice | undefined;
  };
  templates: PromptTemplates;
  log: Logger;
  signal?: AbortSignal;
  /** Reads the repository at the head commit for related code; without it only the diff is sent. */
  repoReader?: RepoReader;
  /** Receives the one audit event of this review (ids, counts and outcome; never content). */
  audit?: (event: AuditEvent) => void | Promise<void>;
  /** The GitHub web host (`github.com` when not given): posted text may link nowhere else. */
  githubHost?: string;
  /** Windows the model server stated or reported earlier in this process (one per endpoint); without it each review learns anew. */
  knownWindows?: KnownWindows;
  /** Asks a self-hosted model server for the model's window (once per process); absent for hosted APIs. */
  probeWindow?: ProbeWindow;
  /** Shows the review's progress and outcome (the App and the Action: a check run on the head commit). */
  progress?: ProgressReporter;
  /** The shell's fail-on severity (the Action's `fail-on` input); the repository's `failOn` applies when unset. */
  failOn?: Severity;
  /** Tells the waits GitHub's rate limits impose on this review's calls as they begin, for the progress text. */
  rateLimitWaits?: { listen(listener: (wait: RateLimitWait) => void): void };
}

const SUPERSEDED = "superseded by a newer commit of the pull request";
const STOPPING_CONFIG = "a setting that decides what is sent to the model is not valid (listed above), so nothing was sent";

export type { ModelRequestCounts, PipelineJob, ReviewOutcome, ReviewResult, ReviewTimings, SentCounts } from "./review-outcome.js";

/**
 * The one review orchestration every shell calls: read the PR, ask the model, post one review
 * and upsert one summary. It never throws: a failure ends in a summary comment saying what failed.
 */
export async function reviewPullRequest(job: PipelineJob, deps: ReviewDependencies): Promise<ReviewOutcome> {
  const started = performance.now();
  const usage: ModelRequestCounts = { provider: deps.model.provider, model: deps.defaultModel, requests: 0, inputTokens: 0, outputTokens: 0, answeredBy: [] };
  const facts: ReviewFacts = { timings: { durationMs: 0, modelMs: 0 }, sent: { files: 0, lines: 0, relatedLines: 0 }, secretsRedacted: {}, progress: trackProgress(deps.progress) };
  deps.rateLimitWaits?.listen((wait) => facts.progress.rateLimitWait(wait));
  const result = await runReview(job, deps, usage, facts);
  await facts.progress.finish(result);
  facts.timings.durationMs = performance.now() - started;
  const outcome: ReviewOutcome = {
    ...result,
    ...facts.timings,
    modelRequests: usage,
    sent: facts.sent,
    secretsRedacted: facts.secretsRedacted,
    ...(facts.feedback ? { feedback: facts.feedback } : {}),
  };
  await deps.audit?.(buildAuditEvent({ time: new Date(), job, review: outcome }));
  return outcome;
}

// Filled in as the review goes, so a failure still reports what had happened by then.
interface ReviewFacts {
  timings: ReviewTimings;
  sent: SentCounts;
  secretsRedacted: Record<string, number>;
  /** 👍/👎 on Patchwise's earlier comments, read when the review posts (for the metrics). */
  feedback?: FeedbackCounts;
  progress: ProgressTracker;
}

async function runReview(job: PipelineJob, deps: ReviewDependencies, usage: ModelRequestCounts, facts: ReviewFacts): Promise<ReviewResult> {
  const { timings } = facts;
  const { log } = deps;
  const ids = { deliveryId: job.deliveryId, owner: job.owner, repo: job.repo, pullNumber: job.pullNumber };
  let stage = "checking for an earlier review";
  const { progress } = facts;
  // What earlier reviews recorded in the summary comment; every summary this run writes carries it on.
  let earlier: Promise<ReviewState | null> | undefined;
  const readEarlier = () => (earlier ??= deps.publisher.readSummary ? deps.publisher.readSummary().then((body) => parseReviewStateMarker(body ?? "")) : Promise.resolve(null));
  let summaryBase: Pick<SummaryInput, "headSha" | "model" | "provider" | "configErrors" | "githubHost" | "reviewState"> = {
    githubHost: deps.githubHost ?? "github.com",
    headSha: job.headSha ?? "",
    model: deps.defaultModel,
    provider: deps.model.provider,
    configErrors: [],
  };
  try {
    const automatic = job.trigger !== "command";
    if (job.headSha) progress.setHead(job.headSha);
    // Stopped before it began (its deadline passed in the access check): not one more GitHub call.
    deps.signal?.throwIfAborted();
    if (automatic && job.headSha && (await deps.publisher.hasReviewForCommit(job.headSha))) {
      progress.alreadyReviewed();
      return skipped(log, ids, "this commit already has a Patchwise review");
    }

    stage = "reading the repository configuration";
    const { config, problems } = parseRepoConfig(await deps.config.loadRepoConfig());
    const model = config.model ?? deps.defaultModel;
    const lightModel = config.modelLight ?? deps.lightModel ?? model;
    // Each part's requests may go on to the operator's fallbacks; the summary and audit name who answered.
    const answering = (part: ReviewPart) => answerWithFallbacks(deps.model, part, { fallbacks: deps.fallbackModels ?? [], answeredBy: usage.answeredBy, log, ids });
    summaryBase = { ...summaryBase, model, configErrors: problems.map(describeConfigProblem) };
    // Reported as a file that cannot be read is: the review fails here and the summary lists the keys.
    if (problems.some((problem) => problem.outcome === "stop")) throw new ConfigReadError({ path: REPO_CONFIG_PATH, problem: STOPPING_CONFIG });
    usage.model = model;
    const failOn = deps.failOn ?? config.failOn;
    progress.setFailOn(failOn);

    stage = "reading the pull request";
    const pr = await deps.source.getPullRequest();
    summaryBase.headSha = pr.headSha;
    progress.setHead(pr.headSha);
    if (pr.state !== "open") return skipped(log, ids, "the pull request is closed");
    if (automatic && !config.autoReview) return skipped(log, ids, "autoReview is off in .github/patchwise.yml");
    if (automatic && pr.draft && !config.drafts) return skipped(log, ids, "draft pull request (set drafts: true to review drafts)");
    summaryBase.reviewState = await readEarlier();
    const fullRequested = job.command?.full ?? false;
    if (!automatic && !fullRequested && (await deps.publisher.hasReviewForCommit(pr.headSha))) {
      progress.alreadyReviewed();
      await deps.publisher.upsertSummary(
        renderSummary({
          ...summaryBase,
          ...emptyResult(),
          notice: `Commit ${pr.headSha.slice(0, 7)} already has a Patchwise review; push a new commit to get a new one, or comment \`/review full\` to review the whole pull request again.`,
        }),
      );
      return skipped(log, ids, "command for a commit that already has a review");
    }

    deps.signal?.throwIfAborted();
    stage = "reading the changed files";
    // The window the server reported (probed once per process) or stated in an earlier refusal: it wins.
    const probed = (await deps.probeWindow?.(model)) ?? null;
    const serverWindows = [deps.knownWindows?.get(model), probed?.window].filter((window): window is number => window !== undefined);
    const truncation = probed?.truncatesSilently ? describeTruncation(probed) : undefined;
    const sizing = sizeModelRequests(model, {
      operatorContextWindow: deps.modelLimits.contextWindow,
      repoContextWindow: config.contextWindow,
      maxOutputTokens: deps.modelLimits.maxOutputTokens,
      requestTokens: deps.modelLimits.requestTokens,
      repoRequestTokens: config.requestTokens,
      serverContextWindow: serverWindows.length > 0 ? Math.min(...serverWindows) : undefined,
      operatorPrice: deps.modelLimits.price,
    }, await loadBpeCount(describeModel(model).tokenizer.encoding));
    // Enough pages for the file limit plus the skipped files the summary can name, and no more.
    const allFiles = await deps.source.listFiles({ atMost: config.limits.maxFiles + MAX_LISTED_SKIPPED_FILES });
    const planned = await planReviewRange({ trigger: job.trigger, fullRequested, headSha: pr.headSha, files: allFiles, earlier: summaryBase.reviewState ?? null, source: deps.source, log, ids });
    progress.setRange(planned.range, summaryBase.reviewState ?? null);
    const files = planned.files;
    if (planned.range.kind === "incremental" && files.length === 0) {
      // The pushes since the last review touched no line of the pull request's diff (a merge of
      // the base branch, say): nothing to ask the model, and the earlier review stands.
      progress.concluded({ reported: [], worstOpen: summaryBase.reviewState?.worstOpen ?? null });
      if (!automatic) {
        const notice = `Nothing in the pull request's diff changed since the last review at \`${planned.range.baseSha.slice(0, 7)}\`; comment \`/review full\` to review the whole pull request again.`;
        await deps.publisher.upsertSummary(renderSummary({ ...summaryBase, ...emptyResult(), notice }));
      }
      return skipped(log, ids, "nothing in the pull request's diff changed since the last review");
    }
    // One snapshot per review, shared by related code and the suggestion checks.
    const reader = deps.repoReader ? shareSnapshot(deps.repoReader) : undefined;
    const relatedCode = reader
      ? gatherRelatedCode({ reader, ref: pr.headSha, budgetLines: config.relatedCodeLines, log, ids, ...(deps.signal ? { signal: deps.signal } : {}) })
      : undefined;
    const focus = job.command?.focus ?? "";
    const budget = reviewBudget(deps.modelLimits, config);
    // From the configuration's trusted ref, like `.github/patchwise.yml`: never the pull request's head.
    const instructions = await loadInstructionFiles(config, deps.config, log, ids);
    const prepared = await prepareReview({ title: pr.title, body: pr.body, focus, files, config, templates: deps.templates, ...sizing, budget, instructionFiles: instructions.files, ...(relatedCode ? { relatedCode } : {}) });
    const unlisted = noteUnlistedFiles(pr.changedFiles, allFiles.length);
    const sentPaths = new Set(prepared.prompts.flatMap((prompt) => prompt.paths));
    const relatedLines = prepared.relatedCode.snippets.reduce((sum, snippet) => sum + countShownLines(snippet), 0);
    facts.sent = { ...countSentLines(prepared.patches.filter((patch) => sentPaths.has(patch.path))), relatedLines };
    facts.secretsRedacted = prepared.redaction.counts;
    // Related code is chosen: of the repository only the changed files are needed now (suggestion checks).
    reader?.narrow(prepared.patches.map((patch) => patch.path));
    const skippedFiles = prepared.skippedFiles;
    log.info({ ...ids, reviewed: prepared.patches.length, skipped: skippedFiles.length, requests: prepared.prompts.length }, "files selected");
    progress.filesRead(sentPaths.size, prepared.prompts.length);

    stage = "asking the model";
    const askStarted = performance.now();
    // Nothing left to send (every file filtered or over a limit): no model call, and the summary says why.
    const asked = prepared.prompts.length === 0 ? nothingToReview() : await askForReviews(answering("review"), prepared.prompts, {
      model,
      concurrency: deps.modelLimits.concurrency,
      signal: deps.signal,
      onAnswer: () => progress.requestDone(),
      split: prepared.splitPrompt,
      onContextWindow: (window) => {
        deps.knownWindows?.remember(model, window);
        log.info({ ...ids, contextWindow: window }, "the model server stated its context window; requests are split to fit");
      },
      onSplit: (event) => progress.requestSplit(event),
      onRetry: (event) => {
        progress.requestRetried(event);
        log.info({ ...ids, request: event.request, attempt: event.attempt, reason: event.reason }, "model request sent again");
      },
    });
    timings.modelMs = performance.now() - askStarted;
    Object.assign(usage, { requests: asked.requests, inputTokens: asked.usage.inputTokens, outputTokens: asked.usage.outputTokens });
    const tokens = { input: asked.usage.inputTokens, output: asked.usage.outputTokens };
    log.info({ ...ids, modelRequests: asked.requests, ...tokens, valid: asked.answers.length, invalid: asked.unusable.length, failed: asked.failed.length, splits: asked.splits }, "model answered");
    if (asked.answers.length === 0) {
      const errors = asked.unusable.flatMap((entry) => entry.errors);
      const reason = `the model's answer did not match the review schema twice (${errors.slice(0, 3).join("; ")}); nothing was posted`;
      await deps.publisher.upsertSummary(
        renderSummary({ ...summaryBase, ...emptyResult(), tokens, skippedFiles: [...skippedFiles, ...asked.unfit], failure: { stage: "validating the model's answer", message: reason } }),
      );
      return failed(log, ids, "validating the model's answer", reason);
    }

    // A newer commit arrived while the model worked (its review will replace this one), or the review was stopped.
    deps.signal?.throwIfAborted();

    stage = "verifying the findings";
    const verified = config.verify
      ? await verifyAndCount(answering("verify"), asked.answers, { timings, usage }, {
          model: lightModel,
          templates: deps.templates.verify,
          threshold: config.verifyThreshold,
          patches: prepared.patches,
          redaction: prepared.redaction,
          maxOutputTokens: sizing.limits.maxOutputTokens,
          concurrency: deps.modelLimits.concurrency,
          log,
          ids,
          ...(deps.signal ? { signal: deps.signal } : {}),
        })
      : null;
    const answers = verified?.answers ?? asked.answers;
    const checks = reader
      ? await prepareSuggestionChecks(answers.flatMap((answer) => answer.findings), { reader, ref: pr.headSha, patches: prepared.patches, log, ids, ...(deps.signal ? { signal: deps.signal } : {}) })
      : {};
    deps.signal?.throwIfAborted();

    stage = "posting the review";
    // Requests that failed or answered unusably cost only their own files: the rest is posted, and the review says it is partial.
    const unreviewedFiles = listUnreviewedFiles(asked);
    const partial = unreviewedFiles.length > 0 ? { requests: asked.failed.length + asked.unusable.length, of: prepared.prompts.length, files: new Set(unreviewedFiles.map((file) => file.path)).size } : undefined;
    const existingComments = await deps.publisher.listOwnComments();
    facts.feedback = countFeedback(existingComments);
    const concluded = concludeReview({
      headSha: pr.headSha,
      answers,
      lineMap: prepared.lineMap,
      config,
      redaction: prepared.redaction,
      committedSecrets: prepared.committedSecrets,
      patches: prepared.patches,
      existingComments,
      ...checks,
      history: { earlier: summaryBase.reviewState ?? null, range: planned.range },
      summary: {
        ...summaryBase,
        feedback: facts.feedback,
        ...(verified ? { verification: verified.summary, lightModel } : {}),
        answeredBy: usage.answeredBy,
        tokens,
        costUsd: sizing.price === null ? null : costOf(tokens.input, tokens.output, sizing.price),
        skippedFiles: [...skippedFiles, ...asked.unfit, ...unreviewedFiles],
        ...(partial ? { partial } : {}),
        relatedCode: prepared.relatedCode,
        instructionFiles: { applied: prepared.instructionFiles, cut: instructions.cut, skipped: instructions.skipped },
        ...(unlisted || truncation ? { notice: [unlisted, truncation && `${truncation}.`].filter(Boolean).join(" ") } : {}),
      },
    });
    const { inline, overLimit, outsideDiff } = concluded.anchored;
    const worstOpen = concluded.state?.worstOpen ?? null;
    progress.concluded({ reported: [...inline, ...outsideDiff, ...concluded.anchored.belowThreshold, ...overLimit].map((finding) => finding.severity), worstOpen, ...(partial ? { partial } : {}) });
    const review = await deps.publisher.postReview(concluded.review);
    // The check's result goes out now, in the pause GitHub's pacing leaves before the summary comment.
    progress.reviewPosted(review.url);
    stage = "updating the summary comment";
    await deps.publisher.upsertSummary(concluded.summary);
    const inlineComments = concluded.inline.length;
    log.info({ ...ids, inline: inlineComments, findings: concluded.findingCount }, "review posted");
    const severities = [...inline, ...overLimit, ...outsideDiff].map((finding) => finding.severity);
    const failing = reachesSeverity(worstOpen === null ? [] : [worstOpen], failOn);
    return { status: "posted", headSha: pr.headSha, inlineComments, findings: concluded.findingCount, severities, reviewUrl: review.url, failing, ...(partial ? { partial } : {}) };
  } catch (error) {
    // Stopped from outside: a newer commit ends it quietly; a deadline or shutdown is the failure to report.
    const stopped = deps.signal?.aborted ? deps.signal.reason : undefined;
    if (deps.signal?.aborted && !(stopped instanceof ReviewStoppedError)) return skipped(log, ids, SUPERSEDED);
    const reason = describeFailure(stopped ?? error);
    try {
      // Read before writing, so the failure summary keeps what earlier reviews recorded.
      const reviewState = await readEarlier().catch(() => null);
      await deps.publisher.upsertSummary(renderSummary({ ...summaryBase, reviewState, ...emptyResult(), failure: { stage, message: reason } }));
    } catch (summaryError) {
      log.error({ ...ids, error: describeFailure(summaryError), ...describeErrorType(summaryError) }, "could not write the failure summary");
    }
    return failed(log, { ...ids, ...describeErrorType(error) }, stage, reason);
  }
}

function nothingToReview(): ReviewAnswers {
  const answer = { summary: "No changed file of this pull request could be reviewed; the files and reasons are listed below.", walkthrough: [], findings: [] };
  return { answers: [answer], unusable: [], failed: [], unfit: [], splits: 0, usage: { inputTokens: 0, outputTokens: 0 }, requests: 0 };
}

function emptyResult(): Omit<SummaryInput, "headSha" | "model" | "provider" | "configErrors" | "githubHost" | "reviewState"> {
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
