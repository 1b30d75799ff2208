import type { ApplicationFunction, Probot } from "probot";
import { createGitHubPorts } from "../github/create-github-ports.js";
import { createProbotConfigSource } from "../github/probot-config-source.js";
import type { Logger } from "../log.js";
import type { ModelClient } from "../pipeline/ports.js";
import { reviewPullRequest, type PipelineJob } from "../pipeline/review-pull-request.js";
import { createReviewQueue, type ReviewQueue } from "./create-review-queue.js";
import { handleWebhookEvent } from "./handle-webhook-event.js";
import { healthHandler } from "./health-handler.js";

export interface PatchwiseAppOptions {
  model: ModelClient;
  defaultModel: string;
  maxOutputTokens: number;
  templates: { system: string; user: string };
  concurrency: number;
  queueLimit: number;
}

export interface PatchwiseApp {
  appFn: ApplicationFunction;
  /** Resolves when every queued review has finished (tests, benchmarks, shutdown). */
  whenIdle(): Promise<void>;
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
      run: (job, signal) => runReview(app, job, options, log, signal).then(() => undefined),
    });
    const ready = queue;
    app.on([...PR_ACTIONS], async (context) => handleWebhookEvent("pull_request", context.payload, context.id, ready, log));
    app.on("issue_comment.created", async (context) => handleWebhookEvent("issue_comment", context.payload, context.id, ready, log));
    addHandler(healthHandler);
  };
  return { appFn, whenIdle: () => queue?.onIdle() ?? Promise.resolve() };
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
    maxOutputTokens: options.maxOutputTokens,
    templates: options.templates,
    log,
    signal,
  });
}
