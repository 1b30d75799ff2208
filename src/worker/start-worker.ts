import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Probot, ProbotOctokit } from "probot";
import type { ApplicationFunctionOptions } from "probot";
import { createConfiguredApp } from "../app/create-configured-app.js";
import type { PatchwiseApp } from "../app/create-patchwise-app.js";
import type { PatchwiseEnv } from "../env.js";
import { createOctokitClass } from "../github/create-octokit-class.js";

type Handler = Parameters<ApplicationFunctionOptions["addHandler"]>[0];

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
    Octokit: withDefaults(createOctokitClass(metrics.observeGitHubCall), overrides.octokitDefaults) as unknown as typeof ProbotOctokit,
  });
  const handlers: Handler[] = [];
  await probot.load(app.appFn, { cwd: process.cwd(), addHandler: (handler) => void handlers.push(handler) });
  const server = createServer(async (req, res) => {
    try {
      for (const handler of handlers) if (await handler(req, res)) return;
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not found" }));
    } catch (error) {
      log.error({ errorType: (error as Error).name }, "health endpoint failed");
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
  await listen(server, rawEnv.HOST ?? "localhost", Number(rawEnv.PORT) || 3000);
  const { port } = server.address() as AddressInfo;
  log.info({ port }, "worker started: working the review queue");
  return { app, port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function withDefaults<T extends { defaults(fn: (options: Record<string, any>) => Record<string, any>): unknown }>(Octokit: T, defaults?: (options: Record<string, any>) => Record<string, any>) {
  return defaults ? Octokit.defaults(defaults) : Octokit;
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
