import { Octokit } from "@octokit/core";
import { enterpriseCompatibility } from "@octokit/plugin-enterprise-compatibility";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { restEndpointMethods } from "@octokit/plugin-rest-endpoint-methods";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { createProbotAuth } from "octokit-auth-probot";
import { cacheOrgConfigReads } from "./cache-org-config-reads.js";

/** Observes every GitHub call: method, route template and status only (never a body). */
export type GitHubCallObserver = (call: { method: string; route: string; status: number }) => void;

const MAX_RATE_LIMIT_RETRIES = 2;
// An organisation's change to its shared `.github/patchwise.yml` applies within this time.
const ORG_CONFIG_TTL_MS = 5 * 60_000;

/**
 * Probot's own Octokit class, rebuilt without its request-logging plugin: that plugin logs
 * request bodies at debug level, and our review bodies quote code. Throttling retries primary
 * and secondary rate limits as GitHub asks, but a bounded number of times.
 */
export function createOctokitClass(observe?: GitHubCallObserver) {
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
  // A function, as Probot's own class has: a plain object would be merged one level deep, so
  // Probot's throttle options (which lack `enabled`) would replace ours, and Probot then builds
  // every installation client with throttling off.
  return Octokit.plugin(throttling, retry, paginateRest, restEndpointMethods, enterpriseCompatibility, observeCalls, cacheOrgConfigReads({ ttlMs: ORG_CONFIG_TTL_MS })).defaults(
    (instanceOptions: Record<string, unknown> & { throttle?: Record<string, unknown> }) => ({
      authStrategy: createProbotAuth,
      userAgent: "patchwise",
      ...instanceOptions,
      throttle: {
        ...instanceOptions?.throttle,
        enabled: instanceOptions?.throttle?.enabled ?? true,
        onRateLimit: retryBounded,
        onSecondaryRateLimit: retryBounded,
      },
    }),
  );
}

function retryBounded(_after: number, _options: unknown, _octokit: unknown, retryCount: number): boolean {
  return retryCount < MAX_RATE_LIMIT_RETRIES;
}
