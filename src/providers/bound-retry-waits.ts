import { readRetryAt } from "../core/wait/read-retry-at.js";

/** A wait a model provider asked for before a retry: taken by the SDK, or refused as too long. */
export interface RetryWait {
  status: number;
  seconds: number;
  taken: boolean;
}

export interface RetryWaitOptions {
  /** Longest wait the SDK may take before a retry; a provider asking for more ends the request. */
  maxWaitMs: number;
  /** Told of every wait a retryable answer asks for (the shell logs it). */
  onWait?: ((wait: RetryWait) => void) | undefined;
  now?: () => number;
}

// Our note on a refused answer, for `toModelError`: when the provider takes requests again (epoch ms).
const RETRY_AT_HEADER = "x-patchwise-retry-at";

/**
 * A fetch for the provider SDKs. Both retry a 429 or 5xx after the provider's `retry-after`,
 * however long (OpenAI's SDK in a sleep no abort signal ends): a `retry-after` of an hour would
 * hold the review, its queue slot and its pull request's next reviews that long. An answer asking
 * for more than `maxWaitMs` reaches the SDK marked `x-should-retry: false` (which both obey) with
 * the time to retry, so the request fails at once and the review's failure says when to try again.
 */
export function boundRetryWaits(send: typeof fetch, options: RetryWaitOptions): typeof fetch {
  const now = options.now ?? Date.now;
  return async (input, init) => {
    const response = await send(input, init);
    if (!isRetried(response.status)) return response;
    const retry = readRetryAt((name) => response.headers.get(name), now());
    if (retry === undefined) return response;
    const taken = retry.waitMs <= options.maxWaitMs;
    options.onWait?.({ status: response.status, seconds: Math.ceil(retry.waitMs / 1000), taken });
    if (taken) return response;
    const headers = new Headers(response.headers);
    headers.set("x-should-retry", "false");
    headers.set(RETRY_AT_HEADER, String(retry.at));
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

/** When a refused answer said the provider takes requests again (epoch ms), from the error's headers. */
export function readRefusedRetryAt(headers: unknown): number | undefined {
  const get = (headers as { get?: unknown } | undefined)?.get;
  const value = typeof get === "function" ? (get.call(headers, RETRY_AT_HEADER) as string | null) : undefined;
  const at = Number(value ?? undefined);
  return Number.isFinite(at) ? at : undefined;
}

// The statuses both SDKs retry.
function isRetried(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}
