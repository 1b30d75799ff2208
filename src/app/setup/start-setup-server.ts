import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { PatchwiseEnv } from "../../env.js";
import type { Logger } from "../../log.js";
import { healthHandler } from "../health-handler.js";
import { serveHandlers, type ServingHandlers } from "../serve-handlers.js";
import { exchangeManifestCode } from "./exchange-manifest-code.js";
import { readAppManifest } from "./read-app-manifest.js";
import { createSetupHandler } from "./setup-handler.js";
import { writeEnvFile } from "./write-env-file.js";

/**
 * `npm start` before the App is registered: the set-up pages and /healthz (so that a supervisor
 * or a container's health check sees a live process), credentials written to `<dir>/.env`.
 */
export async function startSetupServer(env: PatchwiseEnv, where: { host: string; port: number; dir: string }, log: Logger, fetchFn: typeof fetch = fetch): Promise<ServingHandlers> {
  const base = await readAppManifest(join(where.dir, "app.yml"));
  const setup = createSetupHandler({
    base,
    // The web pages of GitHub (or of GitHub Enterprise Server, whose API lives under /api/v3).
    githubWebUrl: env.githubApiUrl === "https://api.github.com" ? "https://github.com" : env.githubApiUrl.replace(/\/api\/v3$/, ""),
    webhookUrl: env.setup.webhookUrl,
    organization: env.setup.organization,
    state: randomBytes(16).toString("hex"),
    exchangeCode: (code) => exchangeManifestCode(code, env.githubApiUrl, fetchFn),
    saveCredentials: (values) => writeEnvFile(join(where.dir, ".env"), values),
  });
  const server = await serveHandlers([healthHandler, setup], where, log);
  log.info({ port: server.port }, `Patchwise is not registered yet: open http://localhost:${server.port} to register the GitHub App`);
  return server;
}
