/**
 * Runs `fn` over `items` with at most `limit` calls in flight; results keep the items' order.
 * The first failure (or an abort of `signal`) rejects at once and starts no further calls;
 * calls already running are left to finish (they get `signal` themselves), their results unused.
 */
export async function runWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`);
  signal?.throwIfAborted();
  const results = new Array<R>(items.length);
  let next = 0;
  let stopped = false;
  const worker = async () => {
    while (!stopped && next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  let onAbort = () => {};
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    await Promise.race([Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker)), aborted]);
    return results;
  } finally {
    stopped = true;
    signal?.removeEventListener("abort", onAbort);
  }
}
