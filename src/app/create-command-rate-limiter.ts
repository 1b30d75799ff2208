import type { CommandRateLimits } from "../core/access/command-rate-limits.js";
import { decideRateLimit, type RateLimit } from "../core/access/decide-rate-limit.js";
import type { PipelineJob } from "../pipeline/review-pull-request.js";

export type RateLimitScope = "pull request" | "repository";

export type Admission = { allowed: true } | { allowed: false; scope: RateLimitScope; retryAfterMs: number };

export interface CommandRateLimiter {
  /** Counts the command when both its pull request and its repository are within their limits. */
  admit(job: PipelineJob): Admission;
}

/**
 * The in-memory sliding windows of `/review` commands, per pull request and per repository, for
 * one app (nothing shared between apps). A restart forgets them: the limit is a brake on floods,
 * not an account. `now` is the clock (tests pass their own).
 */
export function createCommandRateLimiter(limits: CommandRateLimits, now: () => number = Date.now): CommandRateLimiter {
  const times = new Map<string, number[]>();
  const windows: Array<[RateLimitScope, RateLimit | null]> = [
    ["pull request", limits.perPullRequest],
    ["repository", limits.perRepository],
  ];
  const longestWindowMs = Math.max(0, ...windows.map(([, limit]) => limit?.windowMs ?? 0));
  const keyOf = (scope: RateLimitScope, job: PipelineJob) =>
    scope === "repository" ? `${job.installationId}/${job.owner}/${job.repo}` : `${job.installationId}/${job.owner}/${job.repo}#${job.pullNumber}`;

  // Times older than every window can never count again; dropping them keeps the map small.
  function forgetOld(at: number): void {
    for (const [key, list] of times) {
      const kept = list.filter((time) => time > at - longestWindowMs);
      if (kept.length === 0) times.delete(key);
      else times.set(key, kept);
    }
  }

  return {
    admit(job) {
      const at = now();
      forgetOld(at);
      let refusal: Admission = { allowed: true };
      for (const [scope, limit] of windows) {
        if (limit === null) continue;
        const decision = decideRateLimit(times.get(keyOf(scope, job)) ?? [], at, limit);
        if (!decision.allowed && (refusal.allowed || decision.retryAfterMs > refusal.retryAfterMs)) refusal = { allowed: false, scope, retryAfterMs: decision.retryAfterMs };
      }
      if (!refusal.allowed) return refusal;
      for (const [scope, limit] of windows) {
        if (limit !== null) times.set(keyOf(scope, job), [...(times.get(keyOf(scope, job)) ?? []), at]);
      }
      return refusal;
    },
  };
}
