import { generateKeyPairSync, randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import nock from "nock";
import { Probot, type ProbotOctokit } from "probot";
import { createMetrics, type PatchwiseMetrics } from "../../src/app/create-metrics.js";
import { createPatchwiseApp } from "../../src/app/create-patchwise-app.js";
import Bottleneck from "bottleneck";
import { createOctokitClass } from "../../src/github/create-octokit-class.js";
import type { RequestTimeLimits } from "../../src/github/limit-request-time.js";
import { createLogger } from "../../src/log.js";
import { loadPromptTemplates } from "../../src/prompts/load-prompt-templates.js";
import { createModelClient } from "../../src/providers/create-model-client.js";
import { DEFAULT_MODELS } from "../../src/providers/default-models.js";
import type { ModelProviderName } from "../../src/providers/model-error.js";
import type { ModelClient } from "../../src/pipeline/ports.js";
import type { AuditEvent } from "../../src/core/audit/audit-event-schema.js";
import { loadWebhookExample } from "../helpers/webhook-examples.js";

// The App as `npm start` wires it (Probot, our Octokit class, our handlers and queue, the real
// model SDKs), minus the HTTP server: webhooks go in through `probot.receive`, and GitHub and the
// model providers are nock on their public hosts.

export const GITHUB_API = "https://api.github.com";
export const OPENAI_BASE_URL = "https://api.openai.com/v1";
export const ANTHROPIC_BASE_URL = "https://api.anthropic.com";

// The repository, pull request and installation of @octokit/webhooks-examples' payloads.
export const OWNER = "Codertocat";
export const REPO = "Hello-World";
export const PR_NUMBER = 2;
export const INSTALLATION_ID = 1;
export const HEAD_SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

// A key only for signing the App's JWT; nock answers the token request whatever it says.
const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

export type WebhookName = "pull_request" | "issue_comment";

export interface ReviewApp {
  /** Delivers one webhook as Probot would after checking its signature, then waits until every queued review has finished. */
  deliver(name: WebhookName, payload: object, deliveryId?: string): Promise<void>;
  /** Delivers one webhook without waiting for its review. */
  send(name: WebhookName, payload: object, deliveryId?: string): Promise<void>;
  /** The shutdown `npm start` runs on SIGTERM: stops taking jobs, waits `graceMs`, then stops what still runs. */
  drain(graceMs: number): Promise<"idle" | "timeout">;
  /** Every log line the App wrote (pino JSON objects), for the reason a delivery was ignored. */
  logs: Array<Record<string, unknown>>;
  /** `METHOD url` of every request that no nock interceptor answered: each one is a call the test did not expect. */
  unexpectedRequests: string[];
  /** The App's Prometheus metrics, as `/metrics` would serve them. */
  metrics: PatchwiseMetrics;
  /** The audit events the App wrote, in order. */
  audits: AuditEvent[];
  stop(): void;
}

/** Throttling groups without the pauses plugin-throttling puts between writes (its own are shared by the whole process). */
const INSTANT_THROTTLE_GROUPS = Object.fromEntries(["write", "notifications", "search"].map((name) => [name, new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 })]));

export interface ReviewAppOptions {
  now?: () => number;
  /** Each GitHub request's deadlines (default: the App's own). */
  requestTime?: RequestTimeLimits;
  /** Default: the App's own, 15 minutes. */
  reviewTimeoutMs?: number;
  /** A model client of the test's own; by default, the operator's default model of `provider` against nock on its public host. */
  model?: { client: ModelClient; defaultModel: string };
  /** PATCHWISE_MODEL_LIGHT (default: unset, the review's model). */
  lightModel?: string;
  /** PATCHWISE_FALLBACK_MODELS (default: none). */
  fallbackModels?: string[];
}

/** Starts the App with the given model provider. */
export async function startReviewApp(provider: ModelProviderName, options: ReviewAppOptions = {}): Promise<ReviewApp> {
  const logs: ReviewApp["logs"] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const log = createLogger("debug", sink);
  const unexpectedRequests: string[] = [];
  // nock emits the request options alone, or (request, options, body) when the host has interceptors.
  const onNoMatch = (...args: Array<{ method?: string; href?: string; protocol?: string; host?: string; path?: string }>) => {
    const options = args[1] ?? args[0]!;
    unexpectedRequests.push(`${options.method ?? "GET"} ${options.href ?? `${options.protocol}//${options.host}${options.path}`}`);
  };
  nock.emitter.on("no match", onNoMatch);

  // Metrics wired as startServer wires them (queue stats from the app, GitHub calls from our Octokit).
  const metrics = createMetrics(() => app.queueStats());
  const audits: AuditEvent[] = [];
  const app = createPatchwiseApp({
    model:
      options.model?.client ??
      createModelClient({
        provider,
        openaiApiKey: "sk-test",
        openaiBaseUrl: OPENAI_BASE_URL,
        anthropicApiKey: "sk-ant-test",
        anthropicBaseUrl: ANTHROPIC_BASE_URL,
        timeoutMs: 5_000,
        maxRetries: 1,
      }),
    defaultModel: options.model?.defaultModel ?? DEFAULT_MODELS[provider],
    lightModel: options.lightModel,
    ...(options.fallbackModels ? { fallbackModels: options.fallbackModels } : {}),
    audit: async (event) => void audits.push(event),
    maxOutputTokens: 4_000,
    templates: await loadPromptTemplates(),
    concurrency: 2,
    queueLimit: 10,
    reviewTimeoutMs: options.reviewTimeoutMs ?? 15 * 60_000,
    metrics,
    // Every job's queued run is shown at once, as for a job that waits: these tests follow the
    // run from queued to its result (test/app/check-runs.test.ts covers the delay itself).
    queuedCheckRunDelayMs: 0,
    // A write answered with a 5xx is looked for (and sent again) at once, not seconds later.
    writeRetryDelayMs: 0,
    ...(options.now ? { now: options.now } : {}),
  });
  const probot = new Probot({
    appId: 12345,
    privateKey,
    log,
    // Octokit's retries wait milliseconds instead of seconds, so an unexpected call fails fast.
    // Throttling stays on, with GitHub's spacing of writes (1 s, 3 s for comments) cut to nothing.
    // A function, so that Probot's own throttle options are merged with these rather than replacing them.
    Octokit: createOctokitClass(metrics.observeGitHubCall, { log, ...(options.requestTime ? { requestTime: options.requestTime } : {}) }).defaults((options: Record<string, any>) => ({
      ...options,
      retry: { retryAfterBaseValue: 1 },
      throttle: { ...options.throttle, ...INSTANT_THROTTLE_GROUPS },
    })) as unknown as typeof ProbotOctokit,
  });
  // No HTTP server here, so nothing to add /healthz and /metrics to.
  await probot.load(app.appFn, { cwd: process.cwd(), addHandler: () => undefined });

  return {
    logs,
    unexpectedRequests,
    metrics,
    audits,
    async deliver(name, payload, deliveryId = randomUUID()) {
      await probot.receive({ id: deliveryId, name, payload } as Parameters<Probot["receive"]>[0]);
      await app.whenIdle();
    },
    async send(name, payload, deliveryId = randomUUID()) {
      await probot.receive({ id: deliveryId, name, payload } as Parameters<Probot["receive"]>[0]);
    },
    drain: (graceMs) => app.drain(graceMs),
    stop: () => void nock.emitter.off("no match", onNoMatch),
  };
}

/** A real `pull_request` delivery (opened, synchronize, ...) of PR #2, from an installation. */
export function pullRequestEvent(action: "opened" | "synchronize"): Record<string, any> {
  return loadWebhookExample("pull_request", (payload) => payload.action === action && payload.installation?.id === INSTALLATION_ID);
}

/**
 * The real `issue_comment.created` delivery (a comment on issue #1), from an installation, with
 * the given body. @octokit/webhooks-examples has no comment on a pull request, so `onPullRequest`
 * turns it into one the way GitHub marks them: `issue.pull_request` holds the PR's URLs.
 */
export function issueCommentEvent(body: string, { onPullRequest }: { onPullRequest: boolean }): Record<string, any> {
  const payload = loadWebhookExample("issue_comment", (p) => p.action === "created" && p.installation?.id === INSTALLATION_ID);
  payload.comment.body = body;
  if (onPullRequest) {
    payload.issue.number = PR_NUMBER;
    payload.issue.pull_request = {
      url: `${GITHUB_API}/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}`,
      html_url: `https://github.com/${OWNER}/${REPO}/pull/${PR_NUMBER}`,
      diff_url: `https://github.com/${OWNER}/${REPO}/pull/${PR_NUMBER}.diff`,
      patch_url: `https://github.com/${OWNER}/${REPO}/pull/${PR_NUMBER}.patch`,
      merged_at: null,
    };
  }
  return payload;
}
