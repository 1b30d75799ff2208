import { existsSync } from "node:fs";
import { run } from "probot";
import { startServer } from "./app/start-server.js";
import { EnvError, readEnv } from "./env.js";

// `npm start`. Unconfigured (no APP_ID), Probot's set-up page registers the App from app.yml
// and writes its credentials to .env. Configured, the review server starts.
if (existsSync(".env")) process.loadEnvFile(".env");

try {
  const env = readEnv();
  if (!env.appConfigured) {
    await run(() => undefined);
  } else if (!env.webhookSecret) {
    // Probot would otherwise accept webhooks signed with the public default secret "development".
    throw new EnvError("WEBHOOK_SECRET is required once APP_ID is set: use the secret you gave the GitHub App");
  } else {
    const { close, app } = await startServer(process.env, { ...env, webhookSecret: env.webhookSecret });
    // Graceful stop: no new webhooks, running reviews get the grace period, then exit 0.
    const stop = async () => {
      const drained = app.drain(env.shutdownGraceMs);
      await close();
      const result = await drained;
      const unfinished = env.redis ? "unfinished reviews returned to the queue" : "unfinished reviews stopped: their check runs and summaries say so";
      console.error(`patchwise: stopped (${result === "idle" ? "all reviews finished" : `grace period over, ${unfinished}`})`);
      process.exit(0);
    };
    process.once("SIGTERM", () => void stop());
    process.once("SIGINT", () => void stop());
  }
} catch (error) {
  console.error(`patchwise: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
