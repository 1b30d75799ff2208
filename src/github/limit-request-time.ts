import type { Octokit } from "@octokit/core";
import { GitHubTimeoutError } from "./github-timeout-error.js";

/** How long one GitHub request may take, in two parts. */
export interface RequestTimeLimits {
  /** From sending the request to the answer's status line and headers. */
  answerMs: number;
  /** Longest pause while the answer's body arrives (a tarball streams for a while; a stall ends it). */
  idleMs: number;
}

/** GitHub ends its own work on a request after 10 s; three times that without a word is a dead connection. */
export const DEFAULT_REQUEST_TIME_LIMITS: RequestTimeLimits = { answerMs: 30_000, idleMs: 30_000 };

/**
 * An Octokit plugin that gives every request (each attempt of it, each page) a deadline: a request
 * GitHub never answers, or whose body stops arriving, fails with a `GitHubTimeoutError` naming its
 * route template instead of holding the review for ever. A timed-out request is not retried (it
 * has already waited long). The caller's own `request.signal` still cancels it; that cancellation
 * is not retried either.
 */
export function limitRequestTime(limits: RequestTimeLimits) {
  return (octokit: Octokit) => {
    octokit.hook.wrap("request", async (request, options) => {
      const caller = options.request?.signal as AbortSignal | undefined;
      const given = options.request?.fetch as typeof fetch | undefined;
      const watch = watchRequest(`${options.method} ${options.url}`, limits, caller, given);
      // Changed in place: every hook of the chain was handed this same options object, and an
      // options object passed on to `request` would reach none of them.
      options.request = { ...options.request, fetch: watch.fetch };
      try {
        const response = await request(options);
        // Octokit reads a JSON body whole and takes a body that broke off for an empty one.
        watch.throwIfExpired();
        return response;
      } catch (error) {
        watch.throwIfExpired();
        // Thrown as it is, not wrapped in a RequestError: the retry plugin would try it again.
        if (caller?.aborted) throw caller.reason;
        throw error;
      } finally {
        // A retry of this request gets a watch of its own, around the caller's fetch.
        options.request = { ...options.request, fetch: given };
      }
    });
  };
}

function watchRequest(route: string, limits: RequestTimeLimits, caller: AbortSignal | undefined, given: typeof fetch | undefined) {
  const controller = new AbortController();
  let expired: GitHubTimeoutError | undefined;
  const expire = (stage: "answer" | "body", limitMs: number): GitHubTimeoutError => {
    expired ??= new GitHubTimeoutError(route, stage, limitMs);
    controller.abort(expired);
    return expired;
  };
  const signal = caller ? AbortSignal.any([caller, controller.signal]) : controller.signal;
  // Looked up at call time: tests replace the global fetch.
  const send = given ?? ((input: Parameters<typeof fetch>[0], init?: RequestInit) => globalThis.fetch(input, init));

  return {
    async fetch(input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> {
      // Raced as well as aborted: the deadline holds whether or not the fetch heeds its signal.
      const response = await within(send(input, { ...init, signal }), limits.answerMs, () => expire("answer", limits.answerMs));
      return watchBody(response, limits.idleMs, () => expire("body", limits.idleMs));
    },
    throwIfExpired() {
      if (expired) throw expired;
    },
  };
}

// The body again, through a stream that ends the request when no chunk comes for `idleMs` while
// one is wanted (a slow reader is not a stall). The stall is reported here rather than left to the
// aborted connection, which not every fetch carries into a body already handed over.
function watchBody(response: Response, idleMs: number, onIdle: () => Error): Response {
  if (!response.body) return response;
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(stream) {
      try {
        const chunk = await within(reader.read(), idleMs, onIdle);
        if (chunk.done) stream.close();
        else stream.enqueue(chunk.value);
      } catch (error) {
        stream.error(error);
        reader.cancel(error).catch(() => undefined);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const watched = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  Object.defineProperty(watched, "url", { value: response.url });
  return watched;
}

// `work`, or the error of `late()` once `ms` have passed without it.
async function within<T>(work: Promise<T>, ms: number, late: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(late()), ms)));
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
