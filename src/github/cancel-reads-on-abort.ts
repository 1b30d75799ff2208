import type { Octokit } from "@octokit/core";

/**
 * Lets `signal` cancel this client's reads in flight (GET and HEAD), so a review that is stopped
 * (a newer commit, its deadline, the app shutting down) does not wait out an answer it will not
 * use. Writes are left to finish within their own deadline: one cut off might still have landed.
 * Requests made once `signal` has aborted (the failure summary, the check run's conclusion) go
 * out without it.
 */
export function cancelReadsOnAbort(octokit: Pick<Octokit, "hook">, signal: AbortSignal): void {
  octokit.hook.before("request", (options) => {
    if (signal.aborted || (options.method !== "GET" && options.method !== "HEAD")) return;
    const own = options.request?.signal as AbortSignal | undefined;
    options.request = { ...options.request, signal: own ? AbortSignal.any([own, signal]) : signal };
  });
}
