import { Probot, ProbotOctokit } from "probot";
import type { PatchwiseEnv } from "../env.js";
import { createOctokitClass } from "../github/create-octokit-class.js";
import { createConfiguredApp } from "./create-configured-app.js";
import type { PatchwiseApp } from "./create-patchwise-app.js";
import { GITHUB_MAX_WEBHOOK_BYTES } from "./read-limited-body.js";
import { serveHandlers, type RequestHandler } from "./serve-handlers.js";
import { createWebhookEndpoint } from "./webhook-endpoint.js";

export interface RunningServer {
  app: PatchwiseApp;
  port: number;
  /** Stops taking webhooks (after `app.drain` has begun). */
  close(): Promise<void>;
}

/**
 * `npm start` once the App is configured: webhooks at /api/github/webhooks (signature checked,
 * then straight to the App's queue), /healthz, /readyz and /metrics. Probot authenticates as the
 * App and its installations, with our Octokit class and our logger. The caller checked that the
 * App is configured and has a webhook secret.
 */
export async function startServer(rawEnv: Record<string, string | undefined>, env: PatchwiseEnv & { webhookSecret: string }): Promise<RunningServer> {
  // With REDIS_URL, this process also works the shared queue unless PATCHWISE_WORKER=false.
  const { app, metrics, log, privateKey } = await createConfiguredApp(rawEnv, env, env.redis?.worker ?? true);
  const probot = new Probot({
    appId: rawEnv.APP_ID,
    privateKey,
    secret: env.webhookSecret,
    baseUrl: env.githubApiUrl,
    log,
    Octokit: createOctokitClass(metrics.observeGitHubCall, { log }) as unknown as typeof ProbotOctokit,
  });
  const handlers: RequestHandler[] = [createWebhookEndpoint({ secret: env.webhookSecret, maxBytes: GITHUB_MAX_WEBHOOK_BYTES, receive: app.receive, onAnswered: metrics.recordWebhookAnswer, log })];
  await probot.load(app.appFn, { cwd: process.cwd(), addHandler: (handler) => void handlers.push(handler) });
  const server = await serveHandlers(handlers, { host: rawEnv.HOST ?? "localhost", port: Number(rawEnv.PORT) || 3000 }, log);
  log.info({ port: server.port }, "Patchwise listening: webhooks at /api/github/webhooks");
  return { app, port: server.port, close: server.close };
}
