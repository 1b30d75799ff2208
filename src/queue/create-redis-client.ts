import { Redis } from "ioredis";
import type { Logger } from "../log.js";

const ERROR_LOG_INTERVAL_MS = 30_000;

/**
 * A Redis connection for our own keys (deliveries, newest sha, pull request locks) and the
 * readiness probe. A command is retried once after a reconnect, no more; callers bound how long
 * they wait (a webhook must be answered, /readyz must answer 503 while Redis is away). The client
 * reconnects by itself.
 */
export function createRedisClient(url: string, log: Logger): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 5_000 });
  watchRedisErrors(client, log, "redis");
  return client;
}

/**
 * Logs connection errors of a Redis client or BullMQ object at most every 30 s (ioredis retries
 * every 2 s), by error code only: an error's message may hold the URL with its password.
 */
export function watchRedisErrors(emitter: { on(event: "error", listener: (error: Error) => void): unknown }, log: Logger, source: string): void {
  let lastLogged = 0;
  emitter.on("error", (error: Error) => {
    if (Date.now() - lastLogged < ERROR_LOG_INTERVAL_MS) return;
    lastLogged = Date.now();
    log.warn({ source, errorType: error.name, code: (error as NodeJS.ErrnoException).code }, "Redis unreachable; retrying");
  });
}
