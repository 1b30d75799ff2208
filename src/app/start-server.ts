import { Probot, ProbotOctokit, Server } from "probot";
import type { PatchwiseEnv } from "../env.js";
import { createOctokitClass } from "../github/create-octokit-class.js";
import { createConfiguredApp } from "./create-configured-app.js";
import type { PatchwiseApp } from "./create-patchwise-app.js";
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
  // With REDIS_URL, this process also works the shared queue unless PATCHWISE_WORKER=false.
  const { app, metrics, log, privateKey } = await createConfiguredApp(rawEnv, env, env.redis?.worker ?? true);
  const server = new Server({
    host: rawEnv.HOST ?? "localhost",
    port: Number(rawEnv.PORT) || 3000,
    log,
    Probot: Probot.defaults({
      appId: rawEnv.APP_ID,
      privateKey,
      secret: env.webhookSecret,
      baseUrl: env.githubApiUrl,
      log,
      Octokit: createOctokitClass(metrics.observeGitHubCall) as unknown as typeof ProbotOctokit,
    }),
  });
  await server.load(app.appFn);
  // Probot's server exposes its node http server only once listening. start() resolves in the
  // microtasks right after the listen callback, before the event loop can accept a connection,
  // so no request slips past the limit.
  limitRequestBodies(await server.start(), { maxBytes: GITHUB_MAX_WEBHOOK_BYTES, log });
  return { server, app, port: server.port };
}
