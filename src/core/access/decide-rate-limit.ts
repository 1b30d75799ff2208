/** At most `max` events within any `windowMs` milliseconds. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * A sliding window: one more event is allowed when fewer than `max` of the earlier `timestamps`
 * (milliseconds, any order) fall within the window that ends at `now`. A refusal says how long
 * until the oldest event that counts leaves the window.
 */
export function decideRateLimit(timestamps: readonly number[], now: number, limit: RateLimit): RateDecision {
  const recent = timestamps.filter((time) => time > now - limit.windowMs && time <= now).sort((a, b) => a - b);
  if (recent.length < limit.max) return { allowed: true };
  // This many must leave the window before one more fits; the last of them decides the wait.
  const freeing = recent[recent.length - limit.max]!;
  return { allowed: false, retryAfterMs: freeing + limit.windowMs - now };
}
