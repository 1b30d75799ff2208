/**
 * Runs `work` over a queue that the work itself may add to (`enqueue` puts items first), with at
 * most `limit` calls in flight. Resolves when the queue is empty and nothing runs; the first
 * failure (or an abort of `signal`) rejects at once and starts nothing more. Calls already running
 * are left to finish (they get `signal` themselves), their results unused.
 */
export function drainWorkQueue<T>(items: readonly T[], limit: number, work: (item: T, enqueue: (...more: T[]) => void) => Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`);
  const queue = [...items];
  let running = 0;
  let stopped = false;
  return new Promise<void>((resolve, reject) => {
    const stop = (reason: unknown) => {
      stopped = true;
      signal?.removeEventListener("abort", onAbort);
      reject(reason);
    };
    const onAbort = () => stop(signal?.reason);
    if (signal?.aborted) return stop(signal.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const pump = () => {
      while (!stopped && running < limit && queue.length > 0) {
        const item = queue.shift() as T;
        running += 1;
        work(item, (...more) => queue.unshift(...more)).then(() => {
          running -= 1;
          pump();
        }, stop);
      }
      if (!stopped && running === 0 && queue.length === 0) {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }
    };
    pump();
  });
}
