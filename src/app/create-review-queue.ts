import type { Logger } from "../log.js";
import type { PipelineJob } from "../pipeline/review-pull-request.js";

export type EnqueueResult = "queued" | "duplicate" | "replaced" | "full" | "closed";

export interface ReviewQueue {
  /** Adds a job unless the same delivery or the same PR commit is already waiting or running. */
  enqueue(job: PipelineJob): EnqueueResult | Promise<EnqueueResult>;
  /** Refuses new jobs from now on (shutdown); waiting and running ones still finish. */
  close(): void;
  /** Resolves when nothing is waiting or running (a shared queue: nothing of this process runs). */
  onIdle(): Promise<void>;
  /** A shared queue: after the grace period, hands unfinished reviews back to the queue and disconnects. */
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
  log: Logger;
}

const REMEMBERED_DELIVERIES = 5_000;

/**
 * The in-process queue: webhook handlers only enqueue, so GitHub gets its answer at once.
 * A job is a handful of references (never code). A newer commit of a PR replaces its waiting job
 * and aborts its running automatic review, so only the newest commit is reviewed.
 */
export function createReviewQueue(options: QueueOptions): ReviewQueue {
  const waiting: PipelineJob[] = [];
  // When each waiting job (by delivery) was first queued; a replacing job keeps its slot's age.
  const queuedAt = new Map<PipelineJob, number>();
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

  function pump(): void {
    while (running.size < options.concurrency && waiting.length > 0) {
      const index = waiting.findIndex((job) => !running.has(prKey(job)));
      if (index === -1) break; // every waiting job is for a PR already under review: keep per-PR order
      const [job] = waiting.splice(index, 1) as [PipelineJob];
      queuedAt.delete(job);
      const controller = new AbortController();
      running.set(prKey(job), { job, controller });
      options
        .run(job, controller.signal)
        .catch((error: unknown) => options.log.error({ deliveryId: job.deliveryId, errorType: (error as Error)?.name }, "review job crashed"))
        .finally(() => {
          running.delete(prKey(job));
          pump();
        });
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
      if (waiting.some((w) => commitKey(w) === commitKey(job))) return "duplicate";
      supersedeRunning(job);
      const olderIndex = waiting.findIndex((w) => prKey(w) === prKey(job) && job.trigger !== "command" && w.trigger !== "command");
      if (olderIndex !== -1) {
        const older = waiting[olderIndex]!;
        queuedAt.set(job, queuedAt.get(older) ?? Date.now());
        queuedAt.delete(older);
        waiting[olderIndex] = job;
        return "replaced";
      }
      if (waiting.length >= options.limit) {
        options.log.warn({ deliveryId: job.deliveryId, waiting: waiting.length }, "review queue full: job refused");
        return "full";
      }
      waiting.push(job);
      queuedAt.set(job, Date.now());
      queueMicrotask(pump);
      return "queued";
    },
    close() {
      closed = true;
    },
    onIdle() {
      if (waiting.length === 0 && running.size === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    get waiting() {
      return waiting.length;
    },
    get running() {
      return running.size;
    },
    oldestWaitSeconds() {
      const oldest = Math.min(...queuedAt.values());
      return Number.isFinite(oldest) ? (Date.now() - oldest) / 1000 : 0;
    },
  };
}
