import type { Redis } from "ioredis";
import type { Admission, CommandRateLimiter, RateLimitScope } from "../app/create-command-rate-limiter.js";
import { rateLimitWindows } from "../app/create-command-rate-limiter.js";
import type { CommandRateLimits } from "../core/access/command-rate-limits.js";

// The sliding windows of decideRateLimit, kept in Redis sorted sets (score: time in ms) and
// checked and counted in one script, so every process sharing the queue shares the limits too.
// Returns {0, 0} when counted, or {index of the refusing window, milliseconds to wait}.
const ADMIT_SCRIPT = `
local now = tonumber(ARGV[1])
local member = ARGV[2]
local worst, wait = 0, -1
for i = 1, #KEYS do
  local max, window = tonumber(ARGV[1 + 2 * i]), tonumber(ARGV[2 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local count = redis.call('ZCARD', KEYS[i])
  if count >= max then
    local freeing = redis.call('ZRANGE', KEYS[i], count - max, count - max, 'WITHSCORES')
    local left = tonumber(freeing[2]) + window - now
    if left > wait then worst, wait = i, left end
  end
end
if worst > 0 then return {worst, wait} end
for i = 1, #KEYS do
  redis.call('ZADD', KEYS[i], now, member)
  redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[2 + 2 * i]))
end
return {0, 0}
`;

/** `/review` rate limits shared by every process on one Redis (`prefix` keeps queues apart). */
export function createRedisCommandRateLimiter(redis: Redis, limits: CommandRateLimits, prefix: string, now: () => number = Date.now): CommandRateLimiter {
  const windows = rateLimitWindows(limits);
  return {
    async admit(job) {
      const at = now();
      const keys = windows.map(({ key }) => `${prefix}:command-rate:${key(job)}`);
      const args = windows.flatMap(({ limit }) => [String(limit.max), String(limit.windowMs)]);
      // The delivery id makes each counted command a member of its own.
      const [index, wait] = (await redis.eval(ADMIT_SCRIPT, keys.length, ...keys, String(at), `${at}:${job.deliveryId}`, ...args)) as [number, number];
      if (index === 0) return { allowed: true };
      const scope: RateLimitScope = windows[index - 1]!.scope;
      return { allowed: false, scope, retryAfterMs: wait } satisfies Admission;
    },
  };
}
