import { describe, expect, it } from "@jest/globals";
import { runWithConcurrency } from "../../src/pipeline/run-with-concurrency.js";

// A task that resolves when the test says so, recording how many run at once.
function gate() {
  let running = 0;
  let peak = 0;
  const started: number[] = [];
  const release = new Map<number, () => void>();
  const fn = (item: number) =>
    new Promise<number>((resolve) => {
      running += 1;
      peak = Math.max(peak, running);
      started.push(item);
      release.set(item, () => {
        running -= 1;
        resolve(item * 10);
      });
    });
  return { fn, started, release, peak: () => peak };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("runWithConcurrency", () => {
  it("runs at most `limit` at once, starts the next as one finishes, and keeps the input order", async () => {
    const g = gate();
    const done = runWithConcurrency([1, 2, 3, 4, 5], 2, g.fn);
    await tick();
    expect(g.started).toEqual([1, 2]);
    g.release.get(2)!();
    await tick();
    expect(g.started).toEqual([1, 2, 3]);
    for (const item of [1, 3]) g.release.get(item)!();
    await tick();
    for (const item of [4, 5]) g.release.get(item)!();
    expect(await done).toEqual([10, 20, 30, 40, 50]);
    expect(g.peak()).toBe(2);
  });

  it("rejects on the first failure and starts nothing after it", async () => {
    const started: number[] = [];
    const result = runWithConcurrency([1, 2, 3, 4], 1, async (item) => {
      started.push(item);
      if (item === 2) throw new Error("provider down");
      return item;
    });
    await expect(result).rejects.toThrow("provider down");
    await tick();
    expect(started).toEqual([1, 2]);
  });

  it("rejects with the abort reason and starts nothing more once the signal aborts", async () => {
    const g = gate();
    const controller = new AbortController();
    const done = runWithConcurrency([1, 2, 3], 1, g.fn, controller.signal);
    await tick();
    controller.abort(new Error("shutting down"));
    await expect(done).rejects.toThrow("shutting down");
    g.release.get(1)!();
    await tick();
    expect(g.started).toEqual([1]);
  });

  it("handles no items, and refuses a limit below one", async () => {
    expect(await runWithConcurrency([], 4, async () => 1)).toEqual([]);
    await expect(runWithConcurrency([1], 0, async () => 1)).rejects.toThrow("concurrency limit must be a positive integer, got 0");
  });
});
