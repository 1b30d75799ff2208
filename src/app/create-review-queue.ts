import type { Logger } from "../log.js";
import type { PipelineJob } from "../pipeline/review-pull-request.js";

export type EnqueueResult = "queued" | "duplicate" | "replaced" | "full";

export interface ReviewQueue {
  /** Adds a job unless the same delivery or the same PR commit is already waiting or running. */
  enqueue(job: PipelineJob): EnqueueResult;
  /** Resolves when nothing is waiting or running. */
  onIdle(): Promise<void>;
  readonly waiting: number;
  readonly running: number;
}

export interface QueueOptions {
  concurrency: number;
  /** Most jobs waiting at once; beyond it new jobs are refused (and logged). */
  limit: number;
  run: (job: PipelineJob) => Promise<void>;
  log: Logger;
}

const REMEMBERED_DELIVERIES = 5_000;

/**
 * The in-process queue: webhook handlers only enqueue, so GitHub gets its answer at once.
 * A job is a handful of references (never code). A newer commit of a PR replaces its waiting job.
 */
export function createReviewQueue(options: QueueOptions): ReviewQueue {
  const waiting: PipelineJob[] = [];
  const runningKeys = new Set<string>();
  const seenDeliveries = new Set<string>();
  let idleWaiters: Array<() => void> = [];

  const prKey = (job: PipelineJob) => `${job.installationId}/${job.owner}/${job.repo}#${job.pullNumber}`;
  const commitKey = (job: PipelineJob) => `${prKey(job)}@${job.headSha ?? "command"}`;

  function rememberDelivery(id: string): boolean {
    if (seenDeliveries.has(id)) return false;
    seenDeliveries.add(id);
    // Sets iterate in insertion order, so the first entry is the oldest delivery.
    if (seenDeliveries.size > REMEMBERED_DELIVERIES) seenDeliveries.delete(seenDeliveries.values().next().value as string);
    return true;
  }

  function pump(): void {
    while (runningKeys.size < options.concurrency && waiting.length > 0) {
      const index = waiting.findIndex((job) => !runningKeys.has(prKey(job)));
      if (index === -1) break; // every waiting job is for a PR already under review: keep per-PR order
      const [job] = waiting.splice(index, 1) as [PipelineJob];
      runningKeys.add(prKey(job));
      options
        .run(job)
        .catch((error: unknown) => options.log.error({ deliveryId: job.deliveryId, errorType: (error as Error)?.name }, "review job crashed"))
        .finally(() => {
          runningKeys.delete(prKey(job));
          pump();
        });
    }
    if (waiting.length === 0 && runningKeys.size === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  return {
    enqueue(job) {
      if (!rememberDelivery(job.deliveryId)) return "duplicate";
      if (waiting.some((w) => commitKey(w) === commitKey(job))) return "duplicate";
      const olderIndex = waiting.findIndex((w) => prKey(w) === prKey(job) && job.trigger !== "command" && w.trigger !== "command");
      if (olderIndex !== -1) {
        waiting[olderIndex] = job;
        return "replaced";
      }
      if (waiting.length >= options.limit) {
        options.log.warn({ deliveryId: job.deliveryId, waiting: waiting.length }, "review queue full: job refused");
        return "full";
      }
      waiting.push(job);
      queueMicrotask(pump);
      return "queued";
    },
    onIdle() {
      if (waiting.length === 0 && runningKeys.size === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    get waiting() {
      return waiting.length;
    },
    get running() {
      return runningKeys.size;
    },
  };
}
