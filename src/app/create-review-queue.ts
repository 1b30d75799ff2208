import type { Logger } from "../log.js";
import type { PipelineJob } from "../pipeline/review-pull-request.js";
import { appStopped } from "../pipeline/review-stopped-error.js";

export type EnqueueResult = "queued" | "duplicate" | "replaced" | "full" | "closed";

export interface ReviewQueue {
  /** Adds a job unless the same delivery or the same PR commit is already waiting or running. */
  enqueue(job: PipelineJob): EnqueueResult | Promise<EnqueueResult>;
  /** Refuses new jobs from now on (shutdown); waiting and running ones still finish. */
  close(): void;
  /** Resolves when nothing is waiting or running (a shared queue: nothing of this process runs). */
  onIdle(): Promise<void>;
  /**
   * After the grace period: stops the reviews still running and resolves once they have closed, or
   * after a short bound. The shared queue hands them back to the queue and disconnects; the
   * in-process one ends each with a summary and a check run saying the app was stopped, and drops
   * the jobs still waiting.
   */
  release?(): Promise<void>;
  /** A shared queue: whether its backend answers (GET /readyz). */
  isReady?(): Promise<boolean>;
  /** A shared queue: depth and age read from the backend (every process sees the same). */
  stats?(): Promise<{ waiting: number; running: number; oldestWaitSeconds: number }>;
  readonly waiting: number;
  readonly running: number;
  /** Seconds the oldest waiting job has waited (0 when none waits). */
  oldestWaitSeconds(): number;
}

export interface QueueOptions {
  concurrency: number;
  /** Most jobs waiting at once; beyond it new jobs are refused (and logged). */
  limit: number;
  /** Runs one review; `signal` aborts when a newer commit of the same PR arrives. */
  run: (job: PipelineJob, signal: AbortSignal) => Promise<void>;
  /** A newer commit's job took the place of `older` while it waited: `older` will never run. */
  onReplaced?: (older: PipelineJob) => void;
  /** Shutdown dropped `job` while it waited: it will never run; resolves once what it showed is closed. */
  onDropped?: (job: PipelineJob) => Promise<void>;
  log: Logger;
}

const REMEMBERED_DELIVERIES = 5_000;
// Long enough for a stopped review to write its summary and check run (a few paced writes), short
// enough not to hold up a shutdown.
const RELEASE_TIMEOUT_MS = 10_000;

/** A waiting job and the keys it is found by; a newer commit's job takes over its slot (and its age). */
interface Slot {
  job: PipelineJob;
  prKey: string;
  commitKey: string;
  queuedAt: number;
}

/**
 * The in-process queue: webhook handlers only enqueue, so GitHub gets its answer at once.
 * A job is a handful of references (never code). A newer commit of a PR replaces its waiting job
 * and aborts its running automatic review, so only the newest commit is reviewed. Lookups go
 * through maps, so a burst of a thousand deliveries costs a thousand steps, not a million.
 */
export function createReviewQueue(options: QueueOptions): ReviewQueue {
  // First queued first; a replacing job keeps its slot.
  const waiting: Slot[] = [];
  const waitingCommits = new Set<string>();
  // The waiting automatic (push) job of each PR: a newer push replaces it.
  const waitingPushes = new Map<string, Slot>();
  const running = new Map<string, { job: PipelineJob; controller: AbortController }>();
  const seenDeliveries = new Set<string>();
  let idleWaiters: Array<() => void> = [];
  let closed = false;

  const prKey = (job: PipelineJob) => `${job.installationId}/${job.owner}/${job.repo}#${job.pullNumber}`;
  const commitKey = (job: PipelineJob) => `${prKey(job)}@${job.headSha ?? "command"}`;

  function rememberDelivery(id: string): boolean {
    if (seenDeliveries.has(id)) return false;
    seenDeliveries.add(id);
    // Sets iterate in insertion order, so the first entry is the oldest delivery.
    if (seenDeliveries.size > REMEMBERED_DELIVERIES) seenDeliveries.delete(seenDeliveries.values().next().value as string);
    return true;
  }

  // A push makes the running review of an older commit worthless; a /review command is kept.
  function supersedeRunning(job: PipelineJob): void {
    const current = running.get(prKey(job));
    if (!current || job.trigger === "command" || current.job.trigger === "command" || current.job.headSha === job.headSha) return;
    options.log.info({ deliveryId: current.job.deliveryId, supersededBy: job.deliveryId }, "newer commit arrived: aborting the running review");
    current.controller.abort();
  }

  function start(slot: Slot): void {
    waitingCommits.delete(slot.commitKey);
    if (waitingPushes.get(slot.prKey) === slot) waitingPushes.delete(slot.prKey);
    const { job } = slot;
    const controller = new AbortController();
    running.set(slot.prKey, { job, controller });
    options
      .run(job, controller.signal)
      .catch((error: unknown) => options.log.error({ deliveryId: job.deliveryId, errorType: (error as Error)?.name }, "review job crashed"))
      .finally(() => {
        running.delete(slot.prKey);
        pump();
      });
  }

  function onIdle(): Promise<void> {
    if (waiting.length === 0 && running.size === 0) return Promise.resolve();
    return new Promise((resolve) => idleWaiters.push(resolve));
  }

  function pump(): void {
    while (running.size < options.concurrency && waiting.length > 0) {
      const index = waiting.findIndex((slot) => !running.has(slot.prKey));
      if (index === -1) break; // every waiting job is for a PR already under review: keep per-PR order
      start(waiting.splice(index, 1)[0]!);
    }
    if (waiting.length === 0 && running.size === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  return {
    enqueue(job) {
      if (closed) return "closed";
      if (!rememberDelivery(job.deliveryId)) return "duplicate";
      const slot: Slot = { job, prKey: prKey(job), commitKey: commitKey(job), queuedAt: Date.now() };
      if (waitingCommits.has(slot.commitKey)) return "duplicate";
      const older = job.trigger === "command" ? undefined : waitingPushes.get(slot.prKey);
      // Refused before anything changes: the running review of an older commit goes on, and
      // GitHub's redelivery of this delivery is taken once there is room.
      if (!older && waiting.length >= options.limit) {
        seenDeliveries.delete(job.deliveryId);
        options.log.warn({ deliveryId: job.deliveryId, waiting: waiting.length }, "review queue full: job refused");
        return "full";
      }
      supersedeRunning(job);
      if (older) {
        const replaced = older.job;
        waitingCommits.delete(older.commitKey);
        waitingCommits.add(slot.commitKey);
        older.job = job;
        older.commitKey = slot.commitKey;
        options.onReplaced?.(replaced);
        return "replaced";
      }
      waiting.push(slot);
      waitingCommits.add(slot.commitKey);
      if (job.trigger !== "command") waitingPushes.set(slot.prKey, slot);
      queueMicrotask(pump);
      return "queued";
    },
    close() {
      closed = true;
    },
    async release() {
      closed = true;
      // Dropped: this process ends, and nothing else would run them; what they showed is closed.
      const dropped = waiting.splice(0);
      for (const { job, controller } of running.values()) {
        options.log.warn({ deliveryId: job.deliveryId }, "shutting down: stopping the running review");
        controller.abort(appStopped());
      }
      // Tells a drain still waiting for idle that nothing waits any more.
      pump();
      const settled = Promise.all([onIdle(), ...dropped.map((slot) => options.onDropped?.(slot.job))]);
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), RELEASE_TIMEOUT_MS)));
      const result = await Promise.race([settled.then(() => "closed" as const), bound]);
      clearTimeout(timer);
      if (result === "timeout") options.log.warn({ running: running.size }, "shutting down: stopped reviews did not close in time");
    },
    onIdle,
    get waiting() {
      return waiting.length;
    },
    get running() {
      return running.size;
    },
    oldestWaitSeconds() {
      // Slots stay in the order they were first queued, so the first has waited longest.
      return waiting.length === 0 ? 0 : (Date.now() - waiting[0]!.queuedAt) / 1000;
    },
  };
}
