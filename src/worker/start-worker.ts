import { Probot, ProbotOctokit } from "probot";
import { createConfiguredApp } from "../app/create-configured-app.js";
import type { PatchwiseApp } from "../app/create-patchwise-app.js";
import type { PatchwiseEnv } from "../env.js";
import { createOctokitClass } from "../github/create-octokit-class.js";
import { serveHandlers, type RequestHandler } from "../app/serve-handlers.js";

export interface WorkerOverrides {
  /** Options laid over every GitHub client's (tests drop the pauses between writes, as test/app does in-process). */
  octokitDefaults?: (options: Record<string, any>) => Record<string, any>;
}

export interface RunningWorker {
  app: PatchwiseApp;
  /** The port of /healthz, /readyz and /metrics. */
  port: number;
  /** Closes the health server (after `app.drain`). */
  close(): Promise<void>;
}

/**
 * `npm run worker`: the App without a webhook endpoint. It works the shared queue on Redis with
 * the same review runner as `npm start` (the same App, loaded into a Probot instance that only
 * authenticates as the installations), and serves /healthz, /readyz and /metrics on HOST:PORT.
 */
export async function startWorker(rawEnv: Record<string, string | undefined>, env: PatchwiseEnv, overrides: WorkerOverrides = {}): Promise<RunningWorker> {
  const { app, metrics, log, privateKey } = await createConfiguredApp(rawEnv, env, true);
  const probot = new Probot({
    appId: rawEnv.APP_ID,
    privateKey,
    baseUrl: env.githubApiUrl,
    log,
    Octokit: withDefaults(createOctokitClass(metrics.observeGitHubCall, { log }), overrides.octokitDefaults) as unknown as typeof ProbotOctokit,
  });
  const handlers: RequestHandler[] = [];
  await probot.load(app.appFn, { cwd: process.cwd(), addHandler: (handler) => void handlers.push(handler) });
  const server = await serveHandlers(handlers, { host: rawEnv.HOST ?? "localhost", port: Number(rawEnv.PORT) || 3000 }, log);
  log.info({ port: server.port }, "worker started: working the review queue");
  return { app, port: server.port, close: server.close };
}

function withDefaults<T extends { defaults(fn: (options: Record<string, any>) => Record<string, any>): unknown }>(Octokit: T, defaults?: (options: Record<string, any>) => Record<string, any>) {
  return defaults ? Octokit.defaults(defaults) : Octokit;
}
