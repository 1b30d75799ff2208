import { describe, expect, it, jest } from "@jest/globals";
import { measureLoad, type LoadConfig } from "../../bench/load/measure-load.js";
import { renderLoadSection } from "../../bench/load/render-load-section.js";
import { SLOW_TEST_TIMEOUT_MS, WAIT_SAFETY_NET_MS } from "../helpers/wait-for.js";

// It starts seven App processes one after another (35-60 s on a busy 2-core machine): a safety
// net of twice the slow tests' one (see wait-for.ts).
jest.setTimeout(2 * SLOW_TEST_TIMEOUT_MS);

// The benchmark's load section end to end, scaled down, so `npm run bench` cannot break
// unnoticed: the real server and worker entries (through tsx), a real redis-server, the fakes.
const MODEL_LATENCY_MS = 100;
const CONFIG: LoadConfig = {
  entry: "source",
  modelLatencyMs: MODEL_LATENCY_MS,
  ack: { targets: ["server"], concurrent: 20, bursts: 1, oneAtATime: 3 },
  paced: [],
  unpaced: [
    { concurrency: 2, workers: 0, pulls: 20 },
    { concurrency: 2, workers: 2, pulls: 20 },
  ],
  // Without the pacing the first review ends in a fraction of a second instead of about 5.
  memory: { jobs: 20, concurrent: 20, githubPacing: false },
  // A safety net: the figures themselves, and any target on them, belong to `npm run bench`.
  timeoutMs: WAIT_SAFETY_NET_MS,
};

describe("npm run bench: load section", () => {
  it("answers every delivery, reviews every pull request exactly once, and reports figures that add up", async () => {
    const measured = await measureLoad(CONFIG);

    const [ack] = measured.ack;
    expect(ack).toMatchObject({ target: "server", notOk: 0 });
    expect(ack!.burstMs).toHaveLength(20);
    expect(ack!.oneAtATimeMs).toHaveLength(3);
    expect(ack!.p50Ms).toBeGreaterThan(0);
    expect(ack!.p50Ms).toBeLessThanOrEqual(ack!.p99Ms);
    expect(ack!.p99Ms).toBeLessThanOrEqual(ack!.maxMs);
    // The App timed the same deliveries (and the warm-up one) itself, never longer than the sender saw them.
    expect(ack!.app?.count).toBe(1 + 3 + 20);
    expect(ack!.app!.meanMs).toBeGreaterThan(0);
    expect(ack!.app!.meanMs).toBeLessThanOrEqual(ack!.maxMs);

    const [single, shared] = measured.unpaced;
    for (const run of [single!, shared!]) {
      expect(run).toMatchObject({ pulls: 20, missing: 0, duplicates: 0, modelRequests: 20 });
      // No faster than the model allows: one request per review, each taking the model's latency, in all review slots at once.
      const slots = run.concurrency * Math.max(1, run.workers);
      expect(run.reviewsPerMinute).toBeGreaterThan(0);
      expect(run.reviewsPerMinute).toBeLessThanOrEqual((60_000 / MODEL_LATENCY_MS) * slots);
      expect(run.wallMs).toBeGreaterThanOrEqual(Math.ceil(run.pulls / slots) * MODEL_LATENCY_MS);
    }
    // In one process the review takes over the check run its webhook showed: none is left queued.
    expect(single!.openCheckRuns).toBe(0);
    expect(shared!.postedByWorker).toHaveLength(2);
    expect(shared!.postedByWorker.reduce((sum, n) => sum + n, 0)).toBe(20);
    expect(Math.min(...shared!.postedByWorker)).toBeGreaterThan(0);

    expect(measured.memory).toMatchObject({ waiting: 20, notOk: 0 });
    expect(measured.memory.beforeKiB).toBeGreaterThan(10_000);
    expect(measured.memory.afterKiB).toBeGreaterThanOrEqual(measured.memory.beforeKiB);

    const section = renderLoadSection(CONFIG, measured);
    expect(String(section.rows[0]!.result)).toMatch(/; App's own: mean \d+\.\d, 99% within [\d.]+$/);
    expect(section.rows.find((row) => row.measure === "Reviews per pull request, every run above")).toMatchObject({ "set-up": "40 pull requests", result: "exactly 1 each" });
    expect(section.rows.filter((row) => String(row.measure).startsWith("Reviews per minute"))).toHaveLength(2);
  });
});
