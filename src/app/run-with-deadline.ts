import { reviewTimedOut } from "../pipeline/review-stopped-error.js";

/**
 * Runs one review with a total deadline: `run` gets a signal that aborts when the queue stops the
 * review (a newer commit, a shutdown) or, after `timeoutMs`, with the `reviewTimedOut` reason, so
 * the review ends with a summary saying so and its queue slot is freed.
 */
export async function runWithDeadline<T>(timeoutMs: number, signal: AbortSignal, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(reviewTimedOut(timeoutMs)), timeoutMs);
  try {
    return await run(AbortSignal.any([signal, deadline.signal]));
  } finally {
    clearTimeout(timer);
  }
}
