import { describe, expect, it } from "@jest/globals";
import { createReviewQueue } from "../../src/app/create-review-queue.js";
import { ReviewStoppedError } from "../../src/pipeline/review-stopped-error.js";
import type { PipelineJob } from "../../src/pipeline/review-pull-request.js";
import { createRecordingLogger } from "../helpers/silent-logger.js";

const job = (over: Partial<PipelineJob>): PipelineJob => ({
  installationId: 1,
  owner: "acme",
  repo: "shop",
  pullNumber: 7,
  headSha: "a".repeat(40),
  trigger: "synchronize",
  deliveryId: "d-1",
  ...over,
});

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

describe("createReviewQueue", () => {
  it("runs each queued job once and reports idle afterwards", async () => {
    const ran: string[] = [];
    const queue = createReviewQueue({ concurrency: 2, limit: 10, log: createRecordingLogger(), run: async (j) => void ran.push(j.deliveryId) });
    expect(queue.enqueue(job({ deliveryId: "1", pullNumber: 1 }))).toBe("queued");
    expect(queue.enqueue(job({ deliveryId: "2", pullNumber: 2 }))).toBe("queued");
    await queue.onIdle();
    expect(ran.sort()).toEqual(["1", "2"]);
  });

  it("ignores a redelivered webhook (same delivery id)", async () => {
    const ran: string[] = [];
    const queue = createReviewQueue({ concurrency: 1, limit: 10, log: createRecordingLogger(), run: async (j) => void ran.push(j.deliveryId) });
    queue.enqueue(job({ deliveryId: "same" }));
    await queue.onIdle();
    expect(queue.enqueue(job({ deliveryId: "same" }))).toBe("duplicate");
    await queue.onIdle();
    expect(ran).toEqual(["same"]);
  });

  it("keeps only the newest commit of a PR while an older one waits", async () => {
    const gate = deferred();
    const ran: string[] = [];
    const replaced: string[] = [];
    const queue = createReviewQueue({
      concurrency: 1,
      limit: 10,
      log: createRecordingLogger(),
      run: async (j) => {
        ran.push(j.headSha!.slice(0, 1));
        if (j.pullNumber === 1) await gate.promise;
      },
      onReplaced: (older) => void replaced.push(older.deliveryId),
    });
    queue.enqueue(job({ pullNumber: 1, deliveryId: "busy" }));
    await Promise.resolve();
    const results = ["b", "c", "d"].map((sha, i) => queue.enqueue(job({ headSha: sha.repeat(40), deliveryId: `push-${i}` })));
    expect(results).toEqual(["queued", "replaced", "replaced"]);
    // The jobs that will never run are named, so their queued check runs can be closed.
    expect(replaced).toEqual(["push-0", "push-1"]);
    gate.release();
    await queue.onIdle();
    expect(ran).toEqual(["a", "d"]);
  });

  it("never runs two reviews of the same PR at once", async () => {
    let active = 0;
    let maxActive = 0;
    const queue = createReviewQueue({
      concurrency: 4,
      limit: 10,
      log: createRecordingLogger(),
      run: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
      },
    });
    queue.enqueue(job({ deliveryId: "x", trigger: "command", headSha: null }));
    queue.enqueue(job({ deliveryId: "y", trigger: "synchronize" }));
    await queue.onIdle();
    expect(maxActive).toBe(1);
  });

  it("when full, refuses a newer push without aborting the review of the older commit, still lets a push replace its waiting job, and takes the refused delivery again once there is room", async () => {
    const gate = deferred();
    const signals: AbortSignal[] = [];
    const ran: string[] = [];
    const queue = createReviewQueue({
      concurrency: 1,
      limit: 1,
      log: createRecordingLogger(),
      run: async (j, signal) => {
        signals.push(signal);
        ran.push(j.deliveryId);
        if (j.deliveryId === "running") await gate.promise;
      },
    });
    queue.enqueue(job({ pullNumber: 1, deliveryId: "running", headSha: "1".repeat(40) }));
    await Promise.resolve();
    expect(queue.enqueue(job({ pullNumber: 2, deliveryId: "waiting", headSha: "2".repeat(40) }))).toBe("queued");

    const newer = job({ pullNumber: 1, deliveryId: "newer push", headSha: "3".repeat(40) });
    expect(queue.enqueue(newer)).toBe("full");
    expect(signals[0]!.aborted).toBe(false);
    // A newer push of the waiting PR takes its place: the queue does not grow.
    expect(queue.enqueue(job({ pullNumber: 2, deliveryId: "waiting, newer", headSha: "4".repeat(40) }))).toBe("replaced");

    gate.release();
    await queue.onIdle();
    expect(queue.enqueue(newer)).toBe("queued");
    await queue.onIdle();
    expect(ran).toEqual(["running", "waiting, newer", "newer push"]);
  });

  it("refuses jobs beyond its limit and logs the refusal", async () => {
    const log = createRecordingLogger();
    const gate = deferred();
    const queue = createReviewQueue({ concurrency: 1, limit: 1, log, run: () => gate.promise });
    queue.enqueue(job({ pullNumber: 1, deliveryId: "1" }));
    await Promise.resolve();
    expect(queue.enqueue(job({ pullNumber: 2, deliveryId: "2" }))).toBe("queued");
    expect(queue.enqueue(job({ pullNumber: 3, deliveryId: "3" }))).toBe("full");
    expect(log.lines.some((l) => l.level === "warn" && l.msg?.includes("queue full"))).toBe(true);
    gate.release();
    await queue.onIdle();
  });

  it("survives a job that throws", async () => {
    const log = createRecordingLogger();
    const queue = createReviewQueue({ concurrency: 1, limit: 5, log, run: async () => { throw new TypeError("boom"); } });
    queue.enqueue(job({}));
    await queue.onIdle();
    expect(log.lines.find((l) => l.level === "error")?.obj).toMatchObject({ errorType: "TypeError" });
  });

  it("turns ten pushes within a moment into one finished review, of the last commit", async () => {
    const finished: string[] = [];
    const aborted: string[] = [];
    const queue = createReviewQueue({
      concurrency: 4,
      limit: 100,
      log: createRecordingLogger(),
      // A review that takes a while, and gives up (posting nothing) when its signal aborts.
      run: (j, signal) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            finished.push(j.headSha!);
            resolve();
          }, 30);
          signal.addEventListener("abort", () => {
            clearTimeout(timer);
            aborted.push(j.headSha!);
            resolve();
          });
        }),
    });
    const shas = Array.from({ length: 10 }, (_, i) => String(i).repeat(40));
    for (const [i, sha] of shas.entries()) {
      queue.enqueue(job({ headSha: sha, deliveryId: `push-${i}` }));
      await Promise.resolve();
    }
    await queue.onIdle();

    expect(finished).toEqual([shas[9]]);
    expect(aborted).toContain(shas[0]);
    expect(aborted).not.toContain(shas[9]);
  });

  it("does not abort a running /review for a push, nor a review of the same commit", async () => {
    const signals: AbortSignal[] = [];
    const gate = deferred();
    const queue = createReviewQueue({ concurrency: 1, limit: 10, log: createRecordingLogger(), run: async (_j, signal) => { signals.push(signal); await gate.promise; } });
    queue.enqueue(job({ deliveryId: "cmd", trigger: "command", headSha: null }));
    await Promise.resolve();
    queue.enqueue(job({ deliveryId: "push", headSha: "b".repeat(40) }));
    expect(signals[0]?.aborted).toBe(false);
    gate.release();
    await queue.onIdle();
  });

  it("release, after the grace period: stops the running reviews as stopped (not superseded), drops the waiting ones, and resolves once they close", async () => {
    const reasons: unknown[] = [];
    const ran: string[] = [];
    const queue = createReviewQueue({
      concurrency: 1,
      limit: 10,
      log: createRecordingLogger(),
      run: (j, signal) => {
        ran.push(j.deliveryId);
        // A review that runs until it is stopped, then closes (writes its summary) and ends.
        return new Promise<void>((resolve) =>
          signal.addEventListener("abort", () => {
            reasons.push(signal.reason);
            setTimeout(resolve, 5);
          }),
        );
      },
    });
    queue.enqueue(job({ deliveryId: "running", pullNumber: 1 }));
    queue.enqueue(job({ deliveryId: "waiting", pullNumber: 2 }));
    await new Promise((resolve) => setTimeout(resolve, 0));

    await queue.release!();

    expect(ran).toEqual(["running"]);
    expect(reasons).toEqual([expect.any(ReviewStoppedError)]);
    expect((reasons[0] as Error).message).toBe("the app was stopped before the review finished; a new push or /review will review the pull request");
    expect(queue.running).toBe(0);
    expect(queue.waiting).toBe(0);
    expect(queue.enqueue(job({ deliveryId: "late", pullNumber: 3 }))).toBe("closed");
  });

  it("release: each dropped waiting job is handed to onDropped (to close its queued check run), and release waits for that too", async () => {
    const dropped: string[] = [];
    const closing = deferred();
    let released = false;
    const queue = createReviewQueue({
      concurrency: 1,
      limit: 10,
      log: createRecordingLogger(),
      run: (_j, signal) => new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve())),
      onDropped: async (j) => {
        dropped.push(j.deliveryId);
        await closing.promise;
      },
    });
    queue.enqueue(job({ deliveryId: "running", pullNumber: 1 }));
    queue.enqueue(job({ deliveryId: "waiting-1", pullNumber: 2 }));
    queue.enqueue(job({ deliveryId: "waiting-2", pullNumber: 3 }));
    await new Promise((resolve) => setTimeout(resolve, 0));

    const releasing = queue.release!().then(() => (released = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(dropped).toEqual(["waiting-1", "waiting-2"]);
    expect(released).toBe(false);
    closing.release();
    await releasing;
    expect(released).toBe(true);
  });
});
