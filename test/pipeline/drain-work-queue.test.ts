import { describe, expect, it } from "@jest/globals";
import { drainWorkQueue } from "../../src/pipeline/drain-work-queue.js";

describe("drainWorkQueue", () => {
  it("runs what the work adds, first, with no more than the limit in flight", async () => {
    let running = 0;
    let most = 0;
    const done: string[] = [];
    await drainWorkQueue(["a", "b", "c"], 2, async (item, enqueue) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      done.push(item);
      if (item === "a") enqueue("a1", "a2");
    });
    expect(most).toBe(2);
    expect([...done].sort()).toEqual(["a", "a1", "a2", "b", "c"]);
    expect(done.indexOf("a1")).toBeLessThan(done.indexOf("c"));
  });

  it("rejects with the first failure and starts nothing more", async () => {
    const started: number[] = [];
    await expect(
      drainWorkQueue([1, 2, 3, 4], 1, async (item) => {
        started.push(item);
        if (item === 2) throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(started).toEqual([1, 2]);
  });

  it("rejects when aborted, and at once when already aborted", async () => {
    const controller = new AbortController();
    const pending = drainWorkQueue([1], 1, () => new Promise<void>(() => controller.abort(new Error("stop"))), controller.signal);
    await expect(pending).rejects.toThrow("stop");
    await expect(drainWorkQueue([1], 1, async () => undefined, controller.signal)).rejects.toThrow("stop");
  });

  it("resolves at once with nothing to do", async () => {
    await expect(drainWorkQueue([], 4, async () => undefined)).resolves.toBeUndefined();
  });
});
