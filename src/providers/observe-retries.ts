import { AsyncLocalStorage } from "node:async_hooks";

import type { RetryNotice } from "../pipeline/ports.js";

/** Who hears of the retries of the request in flight, and its own signal (a cancelled review is not retried). */
export interface RetryListener {
  onRetry: (notice: RetryNotice) => void;
  signal?: AbortSignal | undefined;
}

/**
 * The SDK's fetch, watched for failures it will retry, so that a long wait says why. Each SDK sends
 * `X-Stainless-Retry-Count` with every attempt, so an attempt that fails with a retryable status
 * (or no answer) while retries remain is one the SDK sends again. The listener of the request in
 * flight is found through `listeners` (set around each call), as one client serves every review.
 */
export function observeRetries(inner: typeof fetch, maxRetries: number, listeners: AsyncLocalStorage<RetryListener>): typeof fetch {
  return async (input, init) => {
    const retryCount = Number(new Headers(init?.headers).get("x-stainless-retry-count") ?? "0");
    const listener = listeners.getStore();
    const tell = (reason: string) => {
      if (listener && !listener.signal?.aborted && Number.isInteger(retryCount) && retryCount < maxRetries) listener.onRetry({ attempt: retryCount + 2, of: maxRetries + 1, reason });
    };
    return fetchTellingFailures(inner, input, init, tell, willRetry);
  };
}

/**
 * A fetch for one request of an SDK that sends no retry count (Google's): its attempts are
 * counted here, and one that fails with a status the SDK retries (408, 429, 5xx) while attempts
 * remain is told to the listener as the retry it is.
 */
export function countRetries(inner: typeof fetch, maxRetries: number, listener: RetryListener): typeof fetch {
  let attempt = 0;
  return async (input, init) => {
    attempt += 1;
    const tell = (reason: string) => {
      if (!listener.signal?.aborted && attempt <= maxRetries) listener.onRetry({ attempt: attempt + 1, of: maxRetries + 1, reason });
    };
    return fetchTellingFailures(inner, input, init, tell, ({ status }) => status === 408 || status === 429 || status >= 500);
  };
}

/** Sends one attempt and tells `tell` why it failed when the SDK will send it again: no answer, or a status it retries. */
async function fetchTellingFailures(
  inner: typeof fetch,
  input: Parameters<typeof fetch>[0],
  init: Parameters<typeof fetch>[1],
  tell: (reason: string) => void,
  retried: (response: Response) => boolean,
): Promise<Response> {
  let response: Response;
  try {
    response = await inner(input, init);
  } catch (error) {
    tell("no answer in time, or the connection failed");
    throw error;
  }
  if (retried(response)) tell(describeStatus(response.status));
  return response;
}

/** A fresh store of listeners, one per client. */
export function createRetryListeners(): AsyncLocalStorage<RetryListener> {
  return new AsyncLocalStorage<RetryListener>();
}

// The SDKs' rule: the server's x-should-retry first, then 408, 409, 429 and 5xx.
function willRetry(response: Response): boolean {
  const told = response.headers.get("x-should-retry");
  if (told === "true") return true;
  if (told === "false") return false;
  return response.status === 408 || response.status === 409 || response.status === 429 || response.status >= 500;
}

function describeStatus(status: number): string {
  if (status === 429) return "HTTP 429, rate limited";
  if (status === 529) return "HTTP 529, overloaded";
  if (status === 408) return "HTTP 408, timed out";
  return status >= 500 ? `HTTP ${status}, a server error` : `HTTP ${status}`;
}
