/**
 * Deadline of every wait in the tests that start servers and processes. A safety net, far above
 * what any wait needs on a busy machine, so that no test depends on the machine's speed: a test
 * that passes returns as soon as its condition holds, and only a broken one waits this long.
 */
export const WAIT_SAFETY_NET_MS = 120_000;

/** Per-test timeout of those tests: room for a few such waits before jest gives up. */
export const SLOW_TEST_TIMEOUT_MS = 300_000;

/** Polls `done` every 50 ms until it holds; throws with `describe()` (the processes' output, say) past `timeoutMs`. */
export async function waitFor(done: () => boolean | Promise<boolean>, describe: () => string = () => "", timeoutMs = WAIT_SAFETY_NET_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms:\n${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
