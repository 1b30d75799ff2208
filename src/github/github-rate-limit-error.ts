import { formatUtcTime } from "../core/wait/format-utc-time.js";

/** GitHub asked the App to wait longer than a review may: the review ends and says when to try again. */
export class GitHubRateLimitError extends Error {
  override readonly name = "GitHubRateLimitError";
  readonly retryable = false;
  /** Epoch milliseconds from which GitHub takes the App's requests again. */
  readonly retryAt: number;

  /** `route`: method and route template, never a URL with values. */
  constructor(route: string, retryAt: number) {
    super(`GitHub's rate limit holds the app's requests (${route}) until ${formatUtcTime(retryAt)}; comment /review after then to try again`);
    this.retryAt = retryAt;
  }
}
