import type { Octokit } from "@octokit/core";
import type { RateLimitWait } from "../core/progress/describe-rate-limit-wait.js";
import { readRetryAt } from "../core/wait/read-retry-at.js";
import type { Logger } from "../log.js";
import { GitHubRateLimitError } from "./github-rate-limit-error.js";

/** What `boundRateLimitWaits` adds to each client: the rate-limit waits of that client, as they begin. */
export interface RateLimitWaitEvents {
  rateLimitWaits: {
    listen(listener: (wait: RateLimitWait) => void): void;
    tell(wait: RateLimitWait): void;
  };
}

export interface RateLimitWaitOptions {
  /** Longest wait taken; GitHub asking for more ends the request with a `GitHubRateLimitError`. */
  maxWaitSeconds: number;
  /** Retries of one request after a rate limit, each after the wait GitHub asked for. */
  maxRetries: number;
  log?: Logger | undefined;
  now?: () => number;
}

/**
 * Bounds what GitHub's rate limits may cost a review. The plugin part runs before the throttling
 * plugin sees an answer: a 403 or 429 that asks for a wait beyond `maxWaitSeconds` (a Retry-After
 * of an hour, a primary limit reset an hour away) ends at once with a `GitHubRateLimitError` that
 * says when to retry, rather than holding the review, its queue slot and its pull request's next
 * reviews. `decide` is the throttling plugin's `onRateLimit`/`onSecondaryRateLimit`: shorter waits
 * are taken (a bounded number of times), logged with the route template, and told to the client's
 * listeners for the progress text.
 */
export function boundRateLimitWaits(options: RateLimitWaitOptions) {
  const now = options.now ?? Date.now;
  const plugin = (octokit: Octokit): RateLimitWaitEvents => {
    octokit.hook.error("request", (error, request) => {
      const { status, response } = error as { status?: unknown; response?: { headers?: Record<string, string | undefined> } };
      const headers = response?.headers;
      if ((status !== 403 && status !== 429) || !headers) throw error;
      const retry = readRetryAt((name) => headers[name], now());
      if (retry === undefined || retry.waitMs <= options.maxWaitSeconds * 1000) throw error;
      const route = `${request.method} ${request.url}`;
      options.log?.warn({ route, status, waitSeconds: Math.ceil(retry.waitMs / 1000) }, "GitHub rate limit: the wait is too long to take, the request fails");
      throw new GitHubRateLimitError(route, retry.at);
    });
    const listeners: Array<(wait: RateLimitWait) => void> = [];
    return { rateLimitWaits: { listen: (listener) => void listeners.push(listener), tell: (wait) => listeners.forEach((listener) => listener(wait)) } };
  };
  const decide = (seconds: number, request: { method?: string; url?: string }, octokit: unknown, retryCount: number): boolean => {
    if (retryCount >= options.maxRetries || seconds > options.maxWaitSeconds) return false;
    options.log?.warn({ route: `${request.method} ${request.url}`, waitSeconds: seconds, retry: retryCount + 1 }, "GitHub rate limit: waiting before retrying");
    (octokit as Partial<RateLimitWaitEvents>).rateLimitWaits?.tell({ seconds, until: now() + seconds * 1000 });
    return true;
  };
  return { plugin, decide };
}
