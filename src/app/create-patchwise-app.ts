import type { ApplicationFunction, Probot } from "probot";
import { createGitHubPorts } from "../github/create-github-ports.js";
import { createProbotConfigSource } from "../github/probot-config-source.js";
import type { Logger } from "../log.js";
import type { ModelClient } from "../pipeline/ports.js";
import { reviewPullRequest, type PipelineJob } from "../pipeline/review-pull-request.js";
import { createReviewQueue, type ReviewQueue } from "./create-review-queue.js";
import { handleWebhookEvent } from "./handle-webhook-event.js";
import type { PatchwiseMetrics, QueueStats } from "./create-metrics.js";
import { healthHandler, metricsHandler, readinessHandler } from "./health-handler.js";

export interface PatchwiseAppOptions {
  model: ModelClient;
  defaultModel: string;
  maxOutputTokens: number;
  /** Overrides the model table's context window (PATCHWISE_CONTEXT_WINDOW). */
  contextWindow?: number | undefined;
  /** Model requests of one review in flight at once (default 4). */
  modelConcurrency?: number;
  templates: { system: string; user: string };
  concurrency: number;
  queueLimit: number;
  /** Prometheus metrics; `/metrics` is served when given. */
  metrics?: PatchwiseMetrics;
}

export interface PatchwiseApp {
  appFn: ApplicationFunction;
  /** Resolves when every queued review has finished (tests, benchmarks, shutdown). */
  whenIdle(): Promise<void>;
  queueStats(): QueueStats;
  /** Stops taking jobs (webhooks are still answered) and resolves once running reviews end or `graceMs` passes. */
  drain(graceMs: number): Promise<"idle" | "timeout">;
}

const PR_ACTIONS = ["pull_request.opened", "pull_request.reopened", "pull_request.ready_for_review", "pull_request.synchronize"] as const;

/** The Probot App: handlers enqueue, the queue runs the shared review pipeline. */
export function createPatchwiseApp(options: PatchwiseAppOptions): PatchwiseApp {
  let queue: ReviewQueue | undefined;
  const appFn: ApplicationFunction = (app, { addHandler }) => {
    const log = app.log as unknown as Logger;
    queue = createReviewQueue({
      concurrency: options.concurrency,
      limit: options.queueLimit,
      log,
      run: async (job, signal) => options.metrics?.recordOutcome(await runReview(app, job, options, log, signal)),
    });
    const ready = queue;
    app.on([...PR_ACTIONS], async (context) => handleWebhookEvent("pull_request", context.payload, context.id, ready, log));
    app.on("issue_comment.created", async (context) => handleWebhookEvent("issue_comment", context.payload, context.id, ready, log));
    addHandler(healthHandler);
    addHandler(readinessHandler(() => true));
    if (options.metrics) addHandler(metricsHandler(options.metrics.registry));
  };
  return {
    appFn,
    whenIdle: () => queue?.onIdle() ?? Promise.resolve(),
    queueStats: () => ({ waiting: queue?.waiting ?? 0, running: queue?.running ?? 0, oldestWaitSeconds: queue?.oldestWaitSeconds() ?? 0 }),
    drain: async (graceMs) => {
      queue?.close();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), graceMs)));
      const result = await Promise.race([(queue?.onIdle() ?? Promise.resolve()).then(() => "idle" as const), timeout]);
      clearTimeout(timer);
      return result;
    },
  };
}

async function runReview(app: Probot, job: PipelineJob, options: PatchwiseAppOptions, log: Logger, signal: AbortSignal) {
  // Jobs without an installation are refused when the webhook arrives.
  const octokit = await app.auth(job.installationId ?? undefined);
  const ref = { owner: job.owner, repo: job.repo, pullNumber: job.pullNumber };
  const { source, publisher } = createGitHubPorts(octokit, ref, {});
  return reviewPullRequest(job, {
    source,
    publisher,
    config: createProbotConfigSource(octokit, ref),
    model: options.model,
    defaultModel: options.defaultModel,
    modelLimits: { maxOutputTokens: options.maxOutputTokens, contextWindow: options.contextWindow, concurrency: options.modelConcurrency ?? 4 },
    templates: options.templates,
    log,
    signal,
  });
}
