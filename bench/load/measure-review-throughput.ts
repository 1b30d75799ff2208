import { startRedisServer, type RedisServer } from "../../test/helpers/start-redis-server.js";
import { spawnApp, type AppOptions, type RunningApp } from "../pipeline/spawn-app.js";
import { readQueueGauges } from "./read-queue-gauges.js";
import { sendDelivery, signOpenedDeliveries, type SignedDelivery } from "./sign-opened-deliveries.js";
import { startLoadFakes, type LoadFakes } from "./start-load-fakes.js";
import { waitFor } from "../../test/helpers/wait-for.js";

const DROP_WRITE_PAUSES = new URL("./drop-github-write-pauses.mjs", import.meta.url);
// Check runs are shown and closed by writes that may still be on their way after the last summary.
const CHECK_RUNS_SETTLED_MS = 1_500;

export interface ThroughputOptions {
  entry: AppOptions["entry"];
  pulls: number;
  modelLatencyMs: number;
  /** PATCHWISE_CONCURRENCY of each process that reviews. */
  concurrency: number;
  /** 0: one process with the in-process queue; N: a receiver (PATCHWISE_WORKER=false) and N workers on a redis-server of their own. */
  workers: number;
  /** False: GitHub's write pacing off in every process (drop-github-write-pauses.mjs), so the queue and the model set the pace. */
  githubPacing: boolean;
  timeoutMs: number;
}

export interface ThroughputMeasurement {
  pulls: number;
  /** From sending the first delivery to the last summary comment reaching GitHub. */
  wallMs: number;
  reviewsPerMinute: number;
  /** Pull requests without a review, and reviews beyond the first of a pull request. */
  missing: number;
  duplicates: number;
  modelRequests: number;
  /** Reviews each worker posted (workers > 0), from their logs. */
  postedByWorker: number[];
  /** "Patchwise review" check runs not completed once everything settled (a run left queued for ever). */
  openCheckRuns: number;
}

/** A throughput run whose processes are up and waiting for the deliveries. */
export interface ThroughputRig {
  measure(): Promise<ThroughputMeasurement>;
  stop(): Promise<void>;
}

/** Starts and measures one run, then stops it. */
export async function measureReviewThroughput(options: ThroughputOptions): Promise<ThroughputMeasurement> {
  const rig = await startThroughputRig(options);
  try {
    return await rig.measure();
  } finally {
    await rig.stop();
  }
}

/**
 * Starts the fakes and the processes of a run (a redis-server of its own too, with workers), so
 * that several runs can start one after another and then be measured side by side. `measure`
 * sends `pulls` signed `pull_request.opened` deliveries at once and times the reviews from the
 * first delivery to the last summary comment; then it waits for the queue to empty and counts
 * reviews per pull request: every delivery must lead to exactly one.
 */
export async function startThroughputRig(options: ThroughputOptions): Promise<ThroughputRig> {
  const fakes = await startLoadFakes({ pulls: options.pulls, modelLatencyMs: options.modelLatencyMs });
  let redis: RedisServer | undefined;
  const processes: RunningApp[] = [];
  const stop = async () => {
    await Promise.all(processes.map((running) => running.stop()));
    await Promise.all([fakes.close(), redis?.stop()]);
  };
  const start = async (app: AppOptions) => {
    const running = await spawnApp(fakes.github.url, fakes.model.baseUrl, app);
    processes.push(running);
    return running;
  };
  try {
    redis = options.workers > 0 ? await startRedisServer() : undefined;
    const imports = options.githubPacing ? [] : [DROP_WRITE_PAUSES];
    const env = { PATCHWISE_CONCURRENCY: String(options.concurrency), PATCHWISE_SHUTDOWN_GRACE_MS: "500", ...(redis ? { REDIS_URL: redis.url } : {}) };
    const [receiver] = await Promise.all([
      start({ entry: options.entry, imports, env: { ...env, ...(redis ? { PATCHWISE_WORKER: "false" } : {}) } }),
      ...Array.from({ length: options.workers }, () => start({ entry: options.entry, imports, role: "worker", env })),
    ]);
    const workers = processes.filter((running) => running !== receiver);
    const deliveries = await signOpenedDeliveries(fakes.example, fakes.pulls, receiver!.webhookSecret, "load");
    return { measure: () => measure(options, fakes, receiver!, workers, deliveries), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function measure(options: ThroughputOptions, fakes: LoadFakes, receiver: RunningApp, workers: RunningApp[], deliveries: SignedDelivery[]): Promise<ThroughputMeasurement> {
  const everyProcess = [receiver, ...workers];
  const started = performance.now();
  const answers = await Promise.all(deliveries.map((delivery) => sendDelivery(receiver.url, delivery)));
  const refused = answers.filter((answer) => answer.status !== 200).length;
  if (refused > 0) throw new Error(`${refused} of ${answers.length} deliveries were not answered 200`);

  await waitFor(() => fakes.summariesAt.size >= options.pulls, () => describeStall(fakes, everyProcess), options.timeoutMs);
  const lastSummary = Math.max(...[...fakes.summariesAt.values()].map((times) => times[0] ?? Number.NaN));
  await waitFor(async () => isEmpty(await readQueueGauges(receiver.url)), () => describeStall(fakes, everyProcess), options.timeoutMs);
  await waitForCheckRunsToSettle(fakes, options.timeoutMs);
  const reviewCounts = fakes.pulls.map((pr) => fakes.reviewsAt.get(pr.number)?.length ?? 0);
  const wallMs = lastSummary - started;
  return {
    pulls: options.pulls,
    wallMs,
    reviewsPerMinute: (options.pulls / wallMs) * 60_000,
    missing: reviewCounts.filter((count) => count === 0).length,
    duplicates: reviewCounts.reduce((sum, count) => sum + Math.max(0, count - 1), 0),
    modelRequests: fakes.model.exchanges.length,
    postedByWorker: workers.map((worker) => countLogLines(worker.output(), "review posted")),
    openCheckRuns: fakes.github.checkRuns.filter((run) => run.status !== "completed").length,
  };
}

function isEmpty(gauges: { waiting: number; running: number }): boolean {
  return gauges.waiting === 0 && gauges.running === 0;
}

// Settled: at least one check run per pull request, and no check-run write for a while.
async function waitForCheckRunsToSettle(fakes: LoadFakes, timeoutMs: number): Promise<void> {
  const checkRunWrites = () => fakes.github.calls.filter((call) => call.path.includes("/check-runs") && call.method !== "GET").length;
  let seen = -1;
  let since = performance.now();
  await waitFor(
    () => {
      const now = checkRunWrites();
      if (now !== seen) [seen, since] = [now, performance.now()];
      return fakes.github.checkRuns.length >= fakes.pulls.length && performance.now() - since >= CHECK_RUNS_SETTLED_MS;
    },
    () => `check runs did not settle (${fakes.github.checkRuns.length} for ${fakes.pulls.length} pull requests)`,
    timeoutMs,
  );
}

function countLogLines(output: string, msg: string): number {
  return output.split("\n").filter((line) => line.startsWith("{") && (JSON.parse(line) as { msg?: string }).msg === msg).length;
}

function describeStall(fakes: LoadFakes, processes: RunningApp[]): string {
  return `${fakes.summariesAt.size} of ${fakes.pulls.length} summaries written; the processes' output:\n${processes.map((running) => running.output().slice(-3000)).join("\n---\n")}`;
}
