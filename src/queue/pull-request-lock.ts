import type { Redis } from "ioredis";

// One review of a pull request at a time, across processes: a Redis key held by the worker that
// runs it, with a time-to-live its heartbeat keeps extending. A worker that dies stops the
// heartbeat, so the lock lapses together with BullMQ's lock on the job.

// Extends (or takes back, if it lapsed and nobody else took it) the lock, and reads the newest
// head sha asked for, in one round trip.
const RENEW = `
local held = 0
if redis.call("GET", KEYS[1]) == ARGV[1] then
  redis.call("PEXPIRE", KEYS[1], ARGV[2])
  held = 1
elseif redis.call("SET", KEYS[1], ARGV[1], "NX", "PX", ARGV[2]) then
  held = 1
end
return { held, redis.call("GET", KEYS[2]) }`;

const RELEASE = `
if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end
return 0`;

export interface PullRequestLock {
  /** True when this holder took the lock; false while another review of the PR runs. */
  acquire(): Promise<boolean>;
  /** Extends the lock; returns whether it is still held and the newest automatic head sha (null if none). */
  renew(): Promise<{ held: boolean; latestSha: string | null }>;
  release(): Promise<void>;
}

/** The lock of one pull request for one holder (a BullMQ job token is unique per run of a job). */
export function createPullRequestLock(redis: Redis, keys: { lock: string; latest: string }, holder: string, ttlMs: number): PullRequestLock {
  return {
    acquire: async () => (await redis.set(keys.lock, holder, "PX", ttlMs, "NX")) === "OK",
    renew: async () => {
      const [held, latestSha] = (await redis.eval(RENEW, 2, keys.lock, keys.latest, holder, ttlMs)) as [number, string | null];
      return { held: held === 1, latestSha };
    },
    release: async () => {
      await redis.eval(RELEASE, 1, keys.lock, holder);
    },
  };
}
