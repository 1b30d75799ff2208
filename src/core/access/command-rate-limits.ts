import type { RateLimit } from "./decide-rate-limit.js";
import { parseRateLimit } from "./parse-rate-limit.js";

/** The operator's limits on `/review` commands that passed the access check; null: no limit. */
export interface CommandRateLimits {
  perPullRequest: RateLimit | null;
  perRepository: RateLimit | null;
}

/** What `PATCHWISE_RATE_LIMIT_PER_PR` and `PATCHWISE_RATE_LIMIT_PER_REPO` default to. */
export const DEFAULT_COMMAND_RATE_LIMIT_TEXT = { perPullRequest: "5/hour", perRepository: "30/hour" } as const;

export const DEFAULT_COMMAND_RATE_LIMITS: CommandRateLimits = {
  perPullRequest: parseRateLimit(DEFAULT_COMMAND_RATE_LIMIT_TEXT.perPullRequest),
  perRepository: parseRateLimit(DEFAULT_COMMAND_RATE_LIMIT_TEXT.perRepository),
};
