import { existsSync } from "node:fs";
import { startServer } from "./app/start-server.js";
import { startSetupServer } from "./app/setup/start-setup-server.js";
import { EnvError, readEnv } from "./env.js";
import { createLogger } from "./log.js";

// `npm start`. Unregistered (no APP_ID), the set-up pages register the App from app.yml and
// write its credentials to .env. Registered, the review server starts.
if (existsSync(".env")) process.loadEnvFile(".env");

try {
  const env = readEnv();
  if (!env.appConfigured) {
    const where = { host: process.env.HOST ?? "localhost", port: Number(process.env.PORT) || 3000, dir: process.cwd() };
    const setup = await startSetupServer(env, where, createLogger(process.env.LOG_LEVEL));
    onStopSignal(async () => {
      await setup.close();
      process.exit(0);
    });
  } else if (!env.webhookSecret) {
    // Probot would otherwise accept webhooks signed with the public default secret "development".
    throw new EnvError("WEBHOOK_SECRET is required once APP_ID is set: use the secret you gave the GitHub App");
  } else {
    const { close, app } = await startServer(process.env, { ...env, webhookSecret: env.webhookSecret });
    // Graceful stop: no new webhooks, running reviews get the grace period, then exit 0.
    onStopSignal(async () => {
      const drained = app.drain(env.shutdownGraceMs);
      await close();
      const result = await drained;
      const unfinished = env.redis ? "unfinished reviews returned to the queue" : "unfinished reviews stopped: their check runs and summaries say so";
      console.error(`patchwise: stopped (${result === "idle" ? "all reviews finished" : `grace period over, ${unfinished}`})`);
      process.exit(0);
    });
  }
} catch (error) {
  console.error(`patchwise: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

function onStopSignal(stop: () => Promise<void>): void {
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
}
