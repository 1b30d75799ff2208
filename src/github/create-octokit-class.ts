import { Octokit } from "@octokit/core";
import { enterpriseCompatibility } from "@octokit/plugin-enterprise-compatibility";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { restEndpointMethods } from "@octokit/plugin-rest-endpoint-methods";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { createProbotAuth } from "octokit-auth-probot";
import type { Logger } from "../log.js";
import { boundRateLimitWaits } from "./bound-rate-limit-waits.js";
import { cacheOrgConfigReads } from "./cache-org-config-reads.js";
import { DEFAULT_REQUEST_TIME_LIMITS, limitRequestTime, type RequestTimeLimits } from "./limit-request-time.js";

/** Observes every GitHub call: method, route template and status only (never a body). */
export type GitHubCallObserver = (call: { method: string; route: string; status: number }) => void;

export interface OctokitClassOptions {
  /** Logs each rate-limit wait (route template and seconds, never a body). */
  log?: Logger;
  /** Each request's deadlines (tests shorten them). */
  requestTime?: RequestTimeLimits;
}

const MAX_RATE_LIMIT_RETRIES = 2;
// A longer wait would hold a queue slot and the pull request's next reviews: the review ends and says when to retry.
const MAX_RATE_LIMIT_WAIT_SECONDS = 60;
// An organisation's change to its shared `.github/patchwise.yml` applies within this time.
const ORG_CONFIG_TTL_MS = 5 * 60_000;

/**
 * Probot's own Octokit class, rebuilt without its request-logging plugin: that plugin logs
 * request bodies at debug level, and our review bodies quote code. Throttling retries primary
 * and secondary rate limits as GitHub asks, but a bounded number of times and only after waits of
 * a minute at most; every request has a deadline.
 */
export function createOctokitClass(observe?: GitHubCallObserver, options: OctokitClassOptions = {}) {
  const rateLimits = boundRateLimitWaits({ maxWaitSeconds: MAX_RATE_LIMIT_WAIT_SECONDS, maxRetries: MAX_RATE_LIMIT_RETRIES, log: options.log });
  const observeCalls = (octokit: Octokit) => {
    if (!observe) return;
    octokit.hook.after("request", (response, options) => {
      observe({ method: options.method, route: String(options.url), status: response.status });
    });
    octokit.hook.error("request", (error, options) => {
      const status = typeof (error as { status?: unknown }).status === "number" ? (error as { status: number }).status : 0;
      observe({ method: options.method, route: String(options.url), status });
      throw error;
    });
  };
  // The first plugins see each answer first: deadlines per attempt, and long waits refused before
  // throttling would take them. The defaults are a function, as Probot's own class has: a plain
  // object would be merged one level deep, so Probot's throttle options (which lack `enabled`)
  // would replace ours, and Probot then builds every installation client with throttling off.
  return Octokit.plugin(limitRequestTime(options.requestTime ?? DEFAULT_REQUEST_TIME_LIMITS), rateLimits.plugin, throttling, retry, paginateRest, restEndpointMethods, enterpriseCompatibility, observeCalls, cacheOrgConfigReads({ ttlMs: ORG_CONFIG_TTL_MS })).defaults(
    (instanceOptions: Record<string, unknown> & { throttle?: Record<string, unknown> }) => ({
      authStrategy: createProbotAuth,
      userAgent: "patchwise",
      ...instanceOptions,
      throttle: {
        ...instanceOptions?.throttle,
        enabled: instanceOptions?.throttle?.enabled ?? true,
        onRateLimit: rateLimits.decide,
        onSecondaryRateLimit: rateLimits.decide,
      },
    }),
  );
}
