/** Reads one response header by its lower-case name. */
export type HeaderReader = (name: string) => string | null | undefined;

/** When a service said to try again, and how long that is from its answer. */
export interface RetryAt {
  /** Epoch milliseconds. */
  at: number;
  waitMs: number;
}

/**
 * When a rate-limited or overloaded service said to try again: `retry-after-ms` (the model
 * providers' own), `retry-after` (seconds or an HTTP date), or GitHub's primary limit
 * (`x-ratelimit-remaining: 0` with `x-ratelimit-reset` in epoch seconds). Waits count from the
 * answer's own `date` when it has one (so a slow answer or a skewed clock does not move the time),
 * else from `now`. Undefined when the answer names no time.
 */
export function readRetryAt(header: HeaderReader, now: number): RetryAt | undefined {
  const sent = Date.parse(header("date") ?? "");
  const from = Number.isNaN(sent) ? now : sent;
  const after = (waitMs: number): RetryAt => ({ at: from + Math.max(0, waitMs), waitMs: Math.max(0, waitMs) });
  const ms = Number.parseFloat(header("retry-after-ms") ?? "");
  if (Number.isFinite(ms)) return after(ms);
  const retryAfter = header("retry-after")?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return after(Number(retryAfter) * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return after(date - from);
  }
  const reset = Number(header("x-ratelimit-reset"));
  if (header("x-ratelimit-remaining") === "0" && Number.isFinite(reset) && reset > 0) return after(reset * 1000 - from);
  return undefined;
}
