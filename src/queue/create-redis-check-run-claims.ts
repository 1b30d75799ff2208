import type { Redis } from "ioredis";
import { z } from "zod";
import type { CheckRunClaims } from "../app/check-run-claims.js";
import type { AcceptedCheckRun } from "../github/check-run-reporter.js";
import type { Logger } from "../log.js";

// A job waits in the queue for hours at most; a claim older than a day is of a job long gone.
const CLAIM_TTL_SECONDS = 24 * 3600;
const POLL_MS = 200;

// reserved -> posting, only if nobody took the claim meanwhile.
const START_POSTING = `
if redis.call('GET', KEYS[1]) == 'reserved' then
  redis.call('SET', KEYS[1], 'posting', 'EX', ARGV[1])
  return 1
end
return 0
`;

// The run once shown (the key is then dropped), 'posting' while it is being created, or false
// when none was: the claim is then marked taken, so the poster does not show one later.
const TAKE = `
local value = redis.call('GET', KEYS[1])
if value == false or value == 'reserved' then
  redis.call('SET', KEYS[1], 'taken', 'EX', ARGV[1])
  return false
end
if value == 'taken' or value == 'posting' then return value end
redis.call('DEL', KEYS[1])
return value
`;

const shownRunSchema = z.union([z.strictObject({ id: z.number().int().positive() }), z.strictObject({ unavailable: z.literal(true) })]);

export interface RedisCheckRunClaimsOptions {
  /** The key of a job's claim (createQueueKeys(...).checkRun). */
  key: (deliveryId: string) => string;
  /** How long a review waits for a queued run another process is creating before it shows its own. */
  waitMs: number;
  log: Logger;
}

/**
 * The claims of the shared queue, in Redis: the receiver that accepted a job and the worker that
 * reviews it are different processes, and each step of a claim is one atomic command or script.
 */
export function createRedisCheckRunClaims(redis: Redis, options: RedisCheckRunClaimsOptions): CheckRunClaims {
  const ttl = String(CLAIM_TTL_SECONDS);
  return {
    async reserve(deliveryId) {
      await redis.set(options.key(deliveryId), "reserved", "EX", CLAIM_TTL_SECONDS, "NX");
    },
    async startPosting(deliveryId) {
      return (await redis.eval(START_POSTING, 1, options.key(deliveryId), ttl)) === 1;
    },
    async publish(deliveryId, run) {
      await redis.set(options.key(deliveryId), JSON.stringify(run), "EX", CLAIM_TTL_SECONDS, "XX");
    },
    async take(deliveryId) {
      const deadline = Date.now() + options.waitMs;
      for (;;) {
        const value = (await redis.eval(TAKE, 1, options.key(deliveryId), ttl)) as string | null;
        if (value === null || value === "taken") return null;
        if (value !== "posting") return readShownRun(value, deliveryId, options.log);
        if (Date.now() >= deadline) {
          options.log.warn({ deliveryId, waitedMs: options.waitMs }, "the queued check run is still being created by another process; the review shows its own");
          return null;
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
  };
}

// Written by another process (or by hand): an unreadable value means no run, never a crash.
function readShownRun(value: string, deliveryId: string, log: Logger): AcceptedCheckRun {
  try {
    return shownRunSchema.parse(JSON.parse(value));
  } catch {
    log.warn({ deliveryId }, "unreadable check run claim in Redis; the review shows its own run");
    return null;
  }
}
