import { formatUtcTime } from "../wait/format-utc-time.js";
import type { CheckRunUpdate } from "./check-run-update.js";

/** A wait GitHub's rate limit imposed on one of the review's calls. */
export interface RateLimitWait {
  seconds: number;
  /** Epoch milliseconds. */
  until: number;
}

/** The progress text while the review waits out a rate limit, so a quiet check run is not taken for a hung one. */
export function describeRateLimitWait(wait: RateLimitWait): CheckRunUpdate {
  return {
    status: "in_progress",
    title: `Waiting ${wait.seconds} s for GitHub's rate limit`,
    summary: `GitHub's rate limit holds the review until ${formatUtcTime(wait.until)}; it goes on then.`,
  };
}
