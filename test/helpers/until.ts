/**
 * Resolves once `condition` holds, looking every few milliseconds. The limit is only a safety net
 * (far beyond what any test waits), so that a failing test stops looking and the suite can exit.
 */
export async function until(condition: () => boolean, limitMs = 15_000): Promise<void> {
  const giveUp = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > giveUp) throw new Error(`condition still false after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
