import type { CommandRateLimits } from "../core/access/command-rate-limits.js";
import { decideRateLimit, type RateLimit } from "../core/access/decide-rate-limit.js";
import type { PipelineJob } from "../pipeline/review-pull-request.js";

export type RateLimitScope = "pull request" | "repository";

export type Admission = { allowed: true } | { allowed: false; scope: RateLimitScope; retryAfterMs: number };

export interface CommandRateLimiter {
  /** Counts the command when both its pull request and its repository are within their limits. */
  admit(job: PipelineJob): Admission | Promise<Admission>;
}

/** The limits that are set, each with its scope and the key of the job it counts under. */
export function rateLimitWindows(limits: CommandRateLimits): Array<{ scope: RateLimitScope; limit: RateLimit; key: (job: PipelineJob) => string }> {
  const repository = (job: PipelineJob) => `${job.installationId}/${job.owner}/${job.repo}`;
  const candidates: Array<{ scope: RateLimitScope; limit: RateLimit | null; key: (job: PipelineJob) => string }> = [
    { scope: "pull request", limit: limits.perPullRequest, key: (job) => `${repository(job)}#${job.pullNumber}` },
    { scope: "repository", limit: limits.perRepository, key: repository },
  ];
  return candidates.flatMap(({ scope, limit, key }) => (limit === null ? [] : [{ scope, limit, key }]));
}

/**
 * The in-memory sliding windows of `/review` commands, per pull request and per repository, for
 * one app (nothing shared between apps). A restart forgets them: the limit is a brake on floods,
 * not an account. `now` is the clock (tests pass their own).
 */
export function createCommandRateLimiter(limits: CommandRateLimits, now: () => number = Date.now): { admit(job: PipelineJob): Admission } {
  const times = new Map<string, number[]>();
  const windows = rateLimitWindows(limits);
  const longestWindowMs = Math.max(0, ...windows.map(({ limit }) => limit.windowMs));
  const keyOf = (window: (typeof windows)[number], job: PipelineJob) => `${window.scope}:${window.key(job)}`;

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
      for (const window of windows) {
        const decision = decideRateLimit(times.get(keyOf(window, job)) ?? [], at, window.limit);
        if (!decision.allowed && (refusal.allowed || decision.retryAfterMs > refusal.retryAfterMs)) refusal = { allowed: false, scope: window.scope, retryAfterMs: decision.retryAfterMs };
      }
      if (!refusal.allowed) return refusal;
      for (const window of windows) times.set(keyOf(window, job), [...(times.get(keyOf(window, job)) ?? []), at]);
      return refusal;
    },
  };
}
