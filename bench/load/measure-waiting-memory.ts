import { spawnApp, type AppOptions, type RunningApp } from "../pipeline/spawn-app.js";
import { readQueueGauges } from "./read-queue-gauges.js";
import { sendDelivery, signOpenedDeliveries } from "./sign-opened-deliveries.js";
import { startLoadFakes } from "./start-load-fakes.js";
import { waitFor } from "../../test/helpers/wait-for.js";

export interface WaitingMemoryOptions {
  entry: AppOptions["entry"];
  /** Jobs to leave waiting (at most PATCHWISE_QUEUE_LIMIT, which is set to it). */
  jobs: number;
  /** Deliveries sent at once while filling the queue. */
  concurrent: number;
  modelLatencyMs: number;
  timeoutMs: number;
  /** False: GitHub's write pacing off (drop-github-write-pauses.mjs). */
  githubPacing?: boolean;
}

export interface WaitingMemoryMeasurement {
  /** The App's own peak RSS (KiB, see report-resource-usage.mjs) after a first review, before the jobs arrive. */
  beforeKiB: number;
  /** Peak RSS once the queue holds the jobs. */
  afterKiB: number;
  /** Jobs waiting (the App's /metrics) when the second sample was taken. */
  waiting: number;
  notOk: number;
  fillMs: number;
}

/**
 * Peak RSS of `npm start` while `jobs` reviews wait: one review at a time (PATCHWISE_CONCURRENCY=1)
 * against a model that takes `modelLatencyMs` per call and GitHub's write pacing as shipped, so the
 * queue drains far slower than it fills. A first review runs to its end before the first sample,
 * so the modules a review loads are counted before, not as the waiting jobs' cost.
 */
export async function measureWaitingMemory(options: WaitingMemoryOptions): Promise<WaitingMemoryMeasurement> {
  const fakes = await startLoadFakes({ pulls: 1 + options.jobs + 1, modelLatencyMs: options.modelLatencyMs });
  let app: RunningApp | undefined;
  try {
    app = await spawnApp(fakes.github.url, fakes.model.baseUrl, {
      entry: options.entry,
      imports: options.githubPacing === false ? [new URL("./drop-github-write-pauses.mjs", import.meta.url)] : [],
      env: { PATCHWISE_CONCURRENCY: "1", PATCHWISE_QUEUE_LIMIT: String(options.jobs), PATCHWISE_SHUTDOWN_GRACE_MS: "500" },
    });
    const running = app;
    const [first, second, ...rest] = await signOpenedDeliveries(fakes.example, fakes.pulls, running.webhookSecret, "memory");
    await sendDelivery(running.url, first!);
    await waitFor(() => fakes.summariesAt.has(first!.pullNumber), () => `the first review posted no summary:\n${running.output().slice(-3000)}`, options.timeoutMs);
    // Taken by the one review slot, so that all `jobs` of the rest wait.
    await sendDelivery(running.url, second!);
    await waitFor(async () => (await readQueueGauges(running.url)).running === 1, () => "the second review did not start", options.timeoutMs);
    const beforeKiB = (await running.resourceUsage()).maxRSS;
    const started = performance.now();
    let notOk = 0;
    for (let start = 0; start < rest.length; start += options.concurrent) {
      const answers = await Promise.all(rest.slice(start, start + options.concurrent).map((delivery) => sendDelivery(running.url, delivery)));
      notOk += answers.filter((answer) => answer.status !== 200).length;
    }
    const fillMs = performance.now() - started;
    const { waiting } = await readQueueGauges(running.url);
    const afterKiB = (await running.resourceUsage()).maxRSS;
    return { beforeKiB, afterKiB, waiting, notOk, fillMs };
  } finally {
    await app?.stop();
    await fakes.close();
  }
}
