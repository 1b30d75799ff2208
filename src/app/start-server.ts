import { getPrivateKey } from "@probot/get-private-key";
import { Probot, ProbotOctokit, Server } from "probot";
import type { PatchwiseEnv } from "../env.js";
import { createOctokitClass } from "../github/create-octokit-class.js";
import { createLogger } from "../log.js";
import { loadPromptTemplates } from "../prompts/load-prompt-templates.js";
import { createModelClient } from "../providers/create-model-client.js";
import { DEFAULT_MODELS } from "../providers/default-models.js";
import { createMetrics } from "./create-metrics.js";
import { createPatchwiseApp, type PatchwiseApp } from "./create-patchwise-app.js";
import { GITHUB_MAX_WEBHOOK_BYTES, limitRequestBodies } from "./limit-request-bodies.js";

export interface RunningServer {
  server: Server;
  app: PatchwiseApp;
  port: number;
}

/**
 * Starts the configured App: Probot's server (webhooks at /api/github/webhooks, signature
 * checked) with our handlers, our Octokit class and our logger. The caller checked that the
 * App is configured and has a webhook secret.
 */
export async function startServer(rawEnv: Record<string, string | undefined>, env: PatchwiseEnv): Promise<RunningServer> {
  const log = createLogger(rawEnv.LOG_LEVEL ?? "info");
  const privateKey = getPrivateKey({ env: rawEnv });
  if (!privateKey) throw new Error("PRIVATE_KEY or PRIVATE_KEY_PATH must hold the App's private key (PEM)");
  const model = createModelClient({
    provider: env.model.provider,
    openaiApiKey: env.model.openaiApiKey,
    openaiBaseUrl: env.model.openaiBaseUrl,
    anthropicApiKey: env.model.anthropicApiKey,
    anthropicBaseUrl: env.model.anthropicBaseUrl,
    timeoutMs: env.model.timeoutMs,
    maxRetries: env.model.maxRetries,
  });
  // The metrics read the queue of the app they are created for (set just below).
  let app: PatchwiseApp | undefined;
  const metrics = createMetrics(() => app?.queueStats() ?? { waiting: 0, running: 0, oldestWaitSeconds: 0 });
  app = createPatchwiseApp({
    model,
    defaultModel: env.model.model ?? DEFAULT_MODELS[env.model.provider],
    maxOutputTokens: env.model.maxOutputTokens,
    contextWindow: env.model.contextWindow,
    modelConcurrency: env.model.concurrency,
    templates: await loadPromptTemplates(),
    concurrency: env.concurrency,
    queueLimit: env.queueLimit,
    metrics,
  });
  const server = new Server({
    host: rawEnv.HOST ?? "localhost",
    port: Number(rawEnv.PORT) || 3000,
    log,
    Probot: Probot.defaults({
      appId: rawEnv.APP_ID,
      privateKey: privateKey.toString(),
      secret: env.webhookSecret,
      baseUrl: env.githubApiUrl,
      log,
      Octokit: createOctokitClass(metrics.observeGitHubCall) as unknown as typeof ProbotOctokit,
    }),
  });
  await server.load(app.appFn);
  // Probot's server exposes its node http server only once listening; start() resolves in the
  // same tick as the listen callback, before any connection can be accepted, so no request
  // slips past the limit.
  limitRequestBodies(await server.start(), { maxBytes: GITHUB_MAX_WEBHOOK_BYTES, log });
  return { server, app, port: server.port };
}
