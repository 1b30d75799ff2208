import { ConfigReadError } from "../github/config-read-error.js";
import { GitHubRateLimitError } from "../github/github-rate-limit-error.js";
import { GitHubTimeoutError } from "../github/github-timeout-error.js";
import { ModelError } from "../providers/model-error.js";
import { ReviewStoppedError } from "./review-stopped-error.js";

// Written to be posted: route templates, times and advice, never a body.
const SAFE_ERRORS = [ModelError, ConfigReadError, GitHubTimeoutError, GitHubRateLimitError, ReviewStoppedError];

/**
 * A message about a failure that is safe to log and to post on the pull request. Errors from
 * Octokit and the SDKs can carry request and response bodies (code), so only their type and
 * status are used; our own typed errors are written to be safe and are shown as they are.
 */
export function describeFailure(error: unknown): string {
  if (SAFE_ERRORS.some((type) => error instanceof type)) return (error as Error).message;
  const status = httpStatus(error);
  if (status !== undefined) return githubAdvice(status);
  const name = error instanceof Error ? error.name : typeof error;
  return `unexpected ${name}; the app's log has the error type, and the review can be retried with /review`;
}

function httpStatus(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("status" in error)) return undefined;
  const status = (error as { status: unknown }).status;
  return typeof status === "number" ? status : undefined;
}

function githubAdvice(status: number): string {
  if (status === 401) return "GitHub answered 401: the app's credentials were refused (check APP_ID and PRIVATE_KEY)";
  if (status === 403) return "GitHub answered 403: the app lacks a permission or hit a rate limit (check the app's permissions)";
  if (status === 404) return "GitHub answered 404: the pull request or repository is not visible to the app";
  if (status === 422) return "GitHub answered 422: it refused the request as invalid";
  if (status >= 500) return `GitHub answered ${status} after retries: try /review again later`;
  return `GitHub answered ${status}`;
}
