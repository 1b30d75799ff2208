import type { KnownWindows } from "../pipeline/known-windows.js";
import { withWindowProbe, type ProbeWindow } from "../providers/create-window-probe.js";
import type { ApplicationFunction, Probot } from "probot";
import type { AuditEvent } from "../core/audit/audit-event-schema.js";
import { buildAuditEvent } from "../core/audit/build-audit-event.js";
import { DEFAULT_COMMAND_RATE_LIMITS, type CommandRateLimits } from "../core/access/command-rate-limits.js";
import { parseWebhookAction } from "../core/triggers/webhook-event-schema.js";
import { createCommandAccess } from "../github/command-access.js";
import { createGitHubPorts } from "../github/create-github-ports.js";
import type { GitHubClient } from "../github/github-client.js";
import { readBotLogin } from "../github/read-bot-login.js";
import { createGitHubRepoReader } from "../repo/create-github-repo-reader.js";
import { createProbotConfigSource } from "../github/probot-config-source.js";
import type { Logger } from "../log.js";
import type { PromptTemplates } from "../prompts/load-prompt-templates.js";
import type { ModelClient } from "../pipeline/ports.js";
import type { PipelineJob } from "../pipeline/review-pull-request.js";
import { answerCommand } from "../pipeline/answer-command.js";
import { reviewAndDescribe } from "../pipeline/review-and-describe.js";
import type { AnswerResult } from "../pipeline/run-answer.js";
import { createPullRequestDescription } from "../github/pull-request-description.js";
import { createReviewThreads } from "../github/review-threads.js";
import { createPullRequestConversation } from "../github/pull-request-conversation.js";
import { admitCommand } from "./admit-command.js";
import { createCommandRateLimiter, type CommandRateLimiter } from "./create-command-rate-limiter.js";
import { createReviewQueue, type QueueOptions, type ReviewQueue } from "./create-review-queue.js";
import { handleWebhookEvent } from "./handle-webhook-event.js";
import { WebhookPayloadError } from "./webhook-payload-error.js";
import { createQueuedCheckRuns, type QueuedCheckRuns } from "./queued-check-runs.js";
import { NO_OTHER_PROCESS, type CheckRunClaims } from "./check-run-claims.js";
import { acknowledgeCommand } from "../github/acknowledge-command.js";
import { createCheckRunReporter } from "../github/check-run-reporter.js";
import type { PatchwiseMetrics, QueueStats } from "./create-metrics.js";
import { healthHandler, metricsHandler, readinessHandler } from "./health-handler.js";
import type { RateLimitWaitEvents } from "../github/bound-rate-limit-waits.js";
import { cancelReadsOnAbort } from "../github/cancel-reads-on-abort.js";
import { runWithDeadline } from "./run-with-deadline.js";

export interface PatchwiseAppOptions {
  model: ModelClient;
  defaultModel: string;
  /** The verify pass's model (PATCHWISE_MODEL_LIGHT); the review's model when unset. */
  lightModel?: string | undefined;
  /** Asked in order when a request's model is down or unavailable (PATCHWISE_FALLBACK_MODELS). */
  fallbackModels?: readonly string[];
  maxOutputTokens: number;
  /** Overrides the model table's context window (PATCHWISE_CONTEXT_WINDOW). */
  contextWindow?: number | undefined;
  /** Input tokens one model request aims at (PATCHWISE_REQUEST_TOKENS; default 32,000). */
  requestTokens?: number | undefined;
  /** Most input tokens (PATCHWISE_MAX_REVIEW_TOKENS) and US dollars (PATCHWISE_MAX_REVIEW_COST_USD) one review may spend; no limit when unset. */
  maxReviewTokens?: number | undefined;
  maxReviewCostUsd?: number | undefined;
  /** The operator's price of the model (PATCHWISE_MODEL_PRICE), replacing the catalog's. */
  modelPrice?: { inputPerMillion: number; outputPerMillion: number } | undefined;
  /** Context windows the model server stated or reported, kept for the process (see createKnownWindows). */
  knownWindows?: KnownWindows;
  /** Asks a self-hosted model server for its window, once per model and process (see createWindowProbe). */
  probeWindow?: ProbeWindow;
  /** Model requests of one review in flight at once (default 4). */
  modelConcurrency?: number;
  /** The review templates and, for repositories with `verify: true`, the verify pass's. */
  templates: PromptTemplates;
  concurrency: number;
  queueLimit: number;
  /** The most one review may take (PATCHWISE_REVIEW_TIMEOUT_MS); past it the review is stopped and says so. */
  reviewTimeoutMs: number;
  /** Prometheus metrics; `/metrics` is served when given. */
  metrics?: PatchwiseMetrics;
  /** Limits on `/review` commands per pull request and per repository (default 5/hour and 30/hour). */
  commandRateLimits?: CommandRateLimits;
  /** Counts `/review` commands instead of the in-memory windows of `commandRateLimits` (Redis mode: shared by every process). */
  commandRateLimiter?: CommandRateLimiter;
  /** The clock of the command rate limits, in milliseconds (tests pass their own). */
  now?: () => number;
  /** Receives one audit event per review or refused command (ids, counts, outcome; never content). */
  audit?: (event: AuditEvent) => Promise<void>;
  /** The GitHub web host (`github.com`, or `GHE_HOST`): posted text may link nowhere else. */
  githubHost?: string;
  /** Builds the queue instead of the in-process one: the shared queue on Redis (REDIS_URL). */
  createQueue?: (options: QueueOptions) => ReviewQueue;
  /** With the shared queue: who shows each job's check run, the receiver or the worker (in Redis). */
  checkRunClaims?: CheckRunClaims;
  /** How long a job waits before its queued check run is posted (default 1 s; see createQueuedCheckRuns). */
  queuedCheckRunDelayMs?: number;
  /** Wait before a GitHub write answered with a 5xx is looked for and, if it did not land, sent again (default 2 s, times the attempt). */
  writeRetryDelayMs?: number;
}

/** A webhook delivery whose signature was checked: its id (X-GitHub-Delivery), event name and parsed body. */
export interface WebhookDelivery {
  id: string;
  name: string;
  payload: unknown;
}

export interface PatchwiseApp {
  appFn: ApplicationFunction;
  /**
   * Handles a verified delivery: a review job enqueued, or nothing. Quick (no GitHub call), so the
   * webhook can be answered once it resolves; the App's Probot handlers call it too. Needs `appFn`
   * loaded. Throws a WebhookPayloadError when a field it reads is missing or has the wrong type.
   */
  receive(delivery: WebhookDelivery): Promise<void>;
  /** Resolves when every queued review has finished (tests, benchmarks, shutdown). */
  whenIdle(): Promise<void>;
  queueStats(): QueueStats | Promise<QueueStats>;
  /** Stops taking jobs (webhooks are still answered) and resolves once running reviews end or `graceMs` passes. */
  drain(graceMs: number): Promise<"idle" | "timeout">;
}

const PR_ACTIONS = ["pull_request.opened", "pull_request.reopened", "pull_request.ready_for_review", "pull_request.synchronize"] as const;

/** The Probot App: handlers enqueue, the queue runs the shared review pipeline. */
export function createPatchwiseApp(options: PatchwiseAppOptions): PatchwiseApp {
  let queue: ReviewQueue | undefined;
  let receive: PatchwiseApp["receive"] = async () => {
    throw new Error("the App is not loaded yet (probot.load(app.appFn))");
  };
  const limiter = options.commandRateLimiter ?? createCommandRateLimiter(options.commandRateLimits ?? DEFAULT_COMMAND_RATE_LIMITS, options.now);
  const appFn: ApplicationFunction = (app, { addHandler }) => {
    const log = app.log as unknown as Logger;
    const botLogin = createBotLoginCache(app);
    const checkRuns = createQueuedCheckRuns({
      claims: options.checkRunClaims ?? NO_OTHER_PROCESS,
      auth: async (installationId) => (await app.auth(installationId)) as unknown as GitHubClient,
      ...(options.queuedCheckRunDelayMs === undefined ? {} : { delayMs: options.queuedCheckRunDelayMs }),
      retryDelayMs: options.writeRetryDelayMs,
      log,
    });
    queue = (options.createQueue ?? createReviewQueue)({
      concurrency: options.concurrency,
      limit: options.queueLimit,
      log,
      run: async (job, signal) => {
        const outcome = await runWithDeadline(options.reviewTimeoutMs, signal, (reviewSignal) => runReview(app, job, options, limiter, log, reviewSignal, botLogin, checkRuns));
        if (outcome !== null) options.metrics?.recordOutcome(outcome);
      },
      onReplaced: (older) => checkRuns.superseded(older),
      onDropped: (job) => checkRuns.dropped(job),
    });
    const ready = queue;
    receive = async ({ id, name, payload }) => {
      const delivery = parseWebhookAction(name, payload);
      if (!delivery.ok) throw new WebhookPayloadError(delivery.error);
      const event = `${name}.${delivery.action}`;
      if (name === "pull_request" && (PR_ACTIONS as readonly string[]).includes(event)) {
        const accepted = await handleWebhookEvent("pull_request", payload, id, ready, log);
        // A queued check run on the commit, shown in the background: the webhook's answer does not wait for it.
        if (accepted) checkRuns.accepted(accepted.job, accepted.result);
      } else if (event === "issue_comment.created") {
        await handleWebhookEvent("issue_comment", payload, id, ready, log);
      } else if (event === "pull_request_review_comment.created") {
        await handleWebhookEvent("pull_request_review_comment", payload, id, ready, log);
      }
    };
    app.on([...PR_ACTIONS, "issue_comment.created", "pull_request_review_comment.created"], (context) => receive({ id: context.id, name: context.name, payload: context.payload }));
    addHandler(healthHandler);
    addHandler(readinessHandler(() => ready.isReady?.() ?? true));
    if (options.metrics) addHandler(metricsHandler(options.metrics.registry));
  };
  return {
    appFn,
    receive: (delivery) => receive(delivery),
    whenIdle: () => queue?.onIdle() ?? Promise.resolve(),
    queueStats: () => queue?.stats?.() ?? { waiting: queue?.waiting ?? 0, running: queue?.running ?? 0, oldestWaitSeconds: queue?.oldestWaitSeconds() ?? 0 },
    drain: async (graceMs) => {
      queue?.close();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), graceMs)));
      const result = await Promise.race([(queue?.onIdle() ?? Promise.resolve()).then(() => "idle" as const), timeout]);
      clearTimeout(timer);
      // A shared queue hands the reviews still running back to Redis for another worker.
      await queue?.release?.();
      return result;
    },
  };
}

/** The App's bot login, read once per process; a failed read is tried again by the next review. */
function createBotLoginCache(app: Probot): () => Promise<string> {
  let login: Promise<string> | undefined;
  return () => {
    login ??= app
      .auth()
      .then((octokit) => readBotLogin(octokit as unknown as GitHubClient))
      .catch((error: unknown) => {
        login = undefined;
        throw error;
      });
    return login;
  };
}

// Null: a command that was refused (no access, or over its rate limit) before any review work, or an answering command (not a review).
async function runReview(
  app: Probot,
  job: PipelineJob,
  options: PatchwiseAppOptions,
  limiter: CommandRateLimiter,
  log: Logger,
  signal: AbortSignal,
  botLogin: () => Promise<string>,
  checkRuns: QueuedCheckRuns,
) {
  // Jobs without an installation are refused when the webhook arrives.
  const octokit = await app.auth(job.installationId ?? undefined);
  cancelReadsOnAbort(octokit, signal);
  // Our Octokit class tells each client's rate-limit waits, for the progress text.
  const waits = (octokit as Partial<RateLimitWaitEvents>).rateLimitWaits;
  const ref = { owner: job.owner, repo: job.repo, pullNumber: job.pullNumber };
  const config = createProbotConfigSource(octokit, ref);
  const threads = createReviewThreads(octokit, ref, { botLogin: await botLogin(), retryDelayMs: options.writeRetryDelayMs });
  // A reply in someone else's thread is none of our business: not even the access check runs.
  const thread = job.command?.name === "thread" ? await threads.readThread(job.command.commentId) : undefined;
  if (thread === null) {
    log.debug({ deliveryId: job.deliveryId, pullNumber: job.pullNumber }, "reply in a thread Patchwise did not start; ignored");
    return null;
  }
  // The access check runs here, in the queue, not in the webhook handler: the handler must answer
  // GitHub at once, and the permission API call may be slow.
  const admission = await admitCommand(job, { access: createCommandAccess(octokit, ref), config, limiter, log });
  if (!admission.admitted) {
    options.metrics?.recordRefusal(job.command?.name ?? "review");
    await options.audit?.(buildAuditEvent({ time: new Date(), job, refused: admission.reason }));
    return null;
  }
  const ids = { deliveryId: job.deliveryId, owner: job.owner, repo: job.repo, pullNumber: job.pullNumber };
  // A reply in a thread is answered in the thread: that answer is its acknowledgement.
  if (job.command && !thread) await acknowledgeCommand(octokit, ref, job.command.commentId, log, ids);
  const github = createGitHubPorts(octokit, ref, { botLogin: await botLogin(), retryDelayMs: options.writeRetryDelayMs });
  // The answering commands are pipelines of their own beside the review's: no check run, and the answer is the only thing posted.
  const conversation = createPullRequestConversation(octokit, ref, { botLogin: await botLogin(), retryDelayMs: options.writeRetryDelayMs });
  const answering = {
    ...github,
    threads,
    conversation,
    description: createPullRequestDescription(octokit, ref),
    config,
    model: options.model,
    defaultModel: options.defaultModel,
    lightModel: options.lightModel,
    modelLimits: { maxOutputTokens: options.maxOutputTokens, contextWindow: options.contextWindow, price: options.modelPrice },
    templates: options.templates,
    log,
    signal,
    repoReader: createGitHubRepoReader(octokit, ref),
    ...(options.githubHost ? { githubHost: options.githubHost } : {}),
  };
  const answer = answerCommand(job, thread, answering);
  if (answer) {
    await recordAnswer(options, job, await answer);
    return null;
  }
  // The queued run shown when the job was accepted (by this process or, with a shared queue, another).
  const progress = createCheckRunReporter(octokit, ref, {
    log,
    ids,
    ...(job.headSha ? { acceptedFor: job.headSha } : {}),
    accepted: checkRuns.take(job),
    externalId: job.deliveryId,
    retryDelayMs: options.writeRetryDelayMs,
  });
  const { source, publisher } = github;
  // A newly opened pull request may also get its description (`describe: auto`).
  const { review, description } = await reviewAndDescribe(job, {
    source,
    publisher,
    config,
    model: options.model,
    defaultModel: options.defaultModel,
    lightModel: options.lightModel,
    fallbackModels: options.fallbackModels ?? [],
    modelLimits: { maxOutputTokens: options.maxOutputTokens, contextWindow: options.contextWindow, concurrency: options.modelConcurrency ?? 4, requestTokens: options.requestTokens, maxReviewTokens: options.maxReviewTokens, maxReviewCostUsd: options.maxReviewCostUsd, price: options.modelPrice },
    templates: options.templates,
    log,
    signal,
    ...(options.knownWindows ? { knownWindows: options.knownWindows } : {}),
    ...withWindowProbe(options.probeWindow),
    repoReader: createGitHubRepoReader(octokit, ref),
    progress,
    ...(waits ? { rateLimitWaits: waits } : {}),
    ...(options.audit ? { audit: options.audit } : {}),
    ...(options.githubHost ? { githubHost: options.githubHost } : {}),
  }, answering);
  // Most repositories leave `describe: auto` off: an opening whose description was skipped is no event of its own.
  if (description && description.status !== "skipped") await recordAnswer(options, job, description);
  return review;
}

// Counts and ids only, as for reviews: `describe` stands for `describe: auto` too (the audit's trigger tells them apart).
async function recordAnswer(options: PatchwiseAppOptions, job: PipelineJob, result: AnswerResult): Promise<void> {
  options.metrics?.recordAnswer(job.command?.name === "ask" || job.command?.name === "thread" ? job.command.name : "describe", result);
  await options.audit?.(buildAuditEvent({ time: new Date(), job: { ...job, actor: job.command?.actorLogin ?? null }, answer: result }));
}
