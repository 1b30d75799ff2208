import { EnvError, readEnv } from "../env.js";
import { startWorker, type WorkerOverrides } from "./start-worker.js";

/**
 * The worker process: checks the environment, works the shared queue, and on SIGTERM or SIGINT
 * stops taking jobs, lets running reviews finish within PATCHWISE_SHUTDOWN_GRACE_MS, hands the
 * unfinished ones back to the queue and exits 0. Exits 1 with a message on a bad environment.
 */
export async function runWorker(rawEnv: Record<string, string | undefined> = process.env, overrides: WorkerOverrides = {}): Promise<void> {
  try {
    const env = readEnv(rawEnv);
    if (!env.redis) throw new EnvError("REDIS_URL is required: `npm run worker` works the shared review queue on Redis");
    if (!env.appConfigured) throw new EnvError("APP_ID and the App's private key are required: the worker acts as the GitHub App");
    const worker = await startWorker(rawEnv, env, overrides);
    const stop = async () => {
      const result = await worker.app.drain(env.shutdownGraceMs);
      await worker.close();
      console.error(`patchwise worker: stopped (${result === "idle" ? "all reviews finished" : "grace period over, unfinished reviews returned to the queue"})`);
      process.exit(0);
    };
    process.once("SIGTERM", () => void stop());
    process.once("SIGINT", () => void stop());
  } catch (error) {
    console.error(`patchwise worker: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
