import { getPrivateKey } from "@probot/get-private-key";
import type { Logger as PinoLogger } from "pino";
import type { PatchwiseEnv } from "../env.js";
import { createAuditSink } from "../audit/create-audit-sink.js";
import { createTelemetry } from "./telemetry/create-telemetry.js";
import { readRuntimeFacts } from "./telemetry/read-runtime-facts.js";
import { createLogger, type Logger } from "../log.js";
import type { CommandRateLimits } from "../core/access/command-rate-limits.js";
import { loadPromptTemplates } from "../prompts/load-prompt-templates.js";
import { createKnownWindows } from "../pipeline/known-windows.js";
import { createModelClient } from "../providers/create-model-client.js";
import { createWindowProbe, withWindowProbe } from "../providers/create-window-probe.js";
import { DEFAULT_MODELS } from "../providers/default-models.js";
import { createMetrics, type PatchwiseMetrics } from "./create-metrics.js";
import { createPatchwiseApp, type PatchwiseApp } from "./create-patchwise-app.js";

export interface ConfiguredApp {
  app: PatchwiseApp;
  metrics: PatchwiseMetrics;
  log: PinoLogger;
  privateKey: string;
}

/**
 * The App as the environment configures it (model, prompts, metrics, audit, queue), shared by
 * `npm start` and `npm run worker` so both run reviews the same way. `work`: whether this process
 * works the shared queue when REDIS_URL is set (the in-process queue always works its jobs).
 */
export async function createConfiguredApp(rawEnv: Record<string, string | undefined>, env: PatchwiseEnv, work: boolean): Promise<ConfiguredApp> {
  const log = createLogger(rawEnv.LOG_LEVEL ?? "info");
  const privateKey = getPrivateKey({ env: rawEnv });
  if (!privateKey) throw new Error("PRIVATE_KEY or PRIVATE_KEY_PATH must hold the App's private key (PEM)");
  const model = createModelClient({
    ...env.model,
    onRetryWait: ({ status, seconds, taken }) =>
      log.warn({ provider: env.model.provider, status, waitSeconds: seconds }, taken ? "model provider asked to wait: retrying after the wait" : "model provider asked to wait too long: the request fails"),
  });
  const defaultModel = env.model.model ?? DEFAULT_MODELS[env.model.provider];
  const auditSink = createAuditSink({ log, ...(env.auditLogPath ? { filePath: env.auditLogPath } : {}) });
  // Sends nothing unless the operator set PATCHWISE_TELEMETRY_URL; the timer never keeps the process alive.
  const telemetry = createTelemetry({ url: env.telemetry.url, disabled: env.telemetry.disabled, runtime: await readRuntimeFacts(), defaultModel: { provider: env.model.provider, model: defaultModel }, log });
  telemetry.start();
  // The metrics read the queue of the app they are created for (set just below).
  let app: PatchwiseApp | undefined;
  const metrics = createMetrics(() => app?.queueStats() ?? { waiting: 0, running: 0, oldestWaitSeconds: 0 });
  const redis = env.redis;
  const shared = redis ? await loadRedisParts(redis.url, log) : undefined;
  app = createPatchwiseApp({
    model,
    defaultModel,
    lightModel: env.model.modelLight,
    fallbackModels: env.model.fallbackModels,
    maxOutputTokens: env.model.maxOutputTokens,
    contextWindow: env.model.contextWindow,
    requestTokens: env.model.requestTokens,
    maxReviewTokens: env.model.maxReviewTokens,
    maxReviewCostUsd: env.model.maxReviewCostUsd,
    modelPrice: env.model.price,
    // One process talks to one model endpoint: what its server says of its window holds for every review here.
    knownWindows: createKnownWindows(),
    ...withWindowProbe(createWindowProbe({ provider: env.model.provider, baseUrl: env.model.openaiBaseUrl, log })),
    modelConcurrency: env.model.concurrency,
    templates: await loadPromptTemplates(),
    concurrency: env.concurrency,
    queueLimit: env.queueLimit,
    reviewTimeoutMs: env.reviewTimeoutMs,
    metrics,
    commandRateLimits: env.commandRateLimits,
    audit: async (event) => {
      telemetry.record(event);
      await auditSink.record(event);
    },
    githubHost: env.githubHost,
    // With Redis the /review limits are counted there, so N processes do not allow N times as many.
    ...(redis && shared ? { commandRateLimiter: shared.createRateLimiter(env.commandRateLimits, redis.queueName) } : {}),
    ...(redis && shared ? { checkRunClaims: shared.createCheckRunClaims(redis.queueName) } : {}),
    ...(redis && shared
      ? { createQueue: (queue) => shared.createQueue({ ...redis, work, concurrency: queue.concurrency, limit: queue.limit, run: queue.run, log: queue.log, ...(queue.onReplaced ? { onReplaced: queue.onReplaced } : {}) }) }
      : {}),
  });
  return { app, metrics, log, privateKey: privateKey.toString() };
}

// A review waits this long for the queued check run another process is creating (normally under a second).
const CHECK_RUN_CLAIM_WAIT_MS = 30_000;

// BullMQ and ioredis cost some 30 MiB of memory once imported: only Redis mode loads them.
async function loadRedisParts(url: string, log: Logger) {
  const [{ createRedisClient }, { createRedisCommandRateLimiter }, { createRedisReviewQueue }, { createRedisCheckRunClaims }, { createQueueKeys }] = await Promise.all([
    import("../queue/create-redis-client.js"),
    import("../queue/create-redis-command-rate-limiter.js"),
    import("../queue/create-redis-review-queue.js"),
    import("../queue/create-redis-check-run-claims.js"),
    import("../queue/queue-keys.js"),
  ]);
  // One connection for the rate limits and the check run claims (the queue has its own).
  const client = createRedisClient(url, log);
  return {
    createRateLimiter: (limits: CommandRateLimits, prefix: string) => createRedisCommandRateLimiter(client, limits, prefix),
    createCheckRunClaims: (queueName: string) => createRedisCheckRunClaims(client, { key: createQueueKeys(queueName).checkRun, waitMs: CHECK_RUN_CLAIM_WAIT_MS, log }),
    createQueue: createRedisReviewQueue,
  };
}
