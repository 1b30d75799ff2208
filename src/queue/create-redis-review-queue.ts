import { Queue, Worker } from "bullmq";
import type { EnqueueResult, ReviewQueue } from "../app/create-review-queue.js";
import type { Logger } from "../log.js";
import type { PipelineJob } from "../pipeline/review-pull-request.js";
import { createRedisClient, watchRedisErrors } from "./create-redis-client.js";
import { enqueueReviewJob } from "./enqueue-review-job.js";
import { createJobProcessor, SHUTDOWN_REASON } from "./process-review-job.js";
import { createQueueKeys } from "./queue-keys.js";
import type { QueuedJob } from "./queued-job.js";
import { readQueueStats } from "./read-queue-stats.js";

export interface RedisReviewQueueOptions {
  url: string;
  queueName: string;
  /** Lock time-to-live of a running job and its pull request: a dead worker's job is retried after it. */
  lockMs: number;
  /** Whether this process works the queue; false: it only enqueues (a webhook receiver). */
  work: boolean;
  /** Reviews this process runs at once. */
  concurrency: number;
  /** Most jobs waiting at once, over all processes. */
  limit: number;
  run: (job: PipelineJob, signal: AbortSignal) => Promise<void>;
  /** A newer commit's job removed `older` from the queue before it ran. */
  onReplaced?: (older: PipelineJob) => void;
  log: Logger;
}

// A webhook must be answered within GitHub's 10 s: a Redis that does not answer fails the delivery.
const ENQUEUE_TIMEOUT_MS = 5_000;
const PING_TIMEOUT_MS = 1_000;
// After the grace period, aborted reviews get this long to hand their jobs back before a forced close.
const RELEASE_TIMEOUT_MS = 10_000;

/**
 * The shared queue on Redis (BullMQ), behind the same interface as the in-process queue. A job
 * holds only references; completed and failed jobs are removed at once. Failed runs are retried
 * twice with backoff, and a job whose worker died is taken by another after `lockMs` (BullMQ's
 * stalled-job check); the pipeline skips a commit that already has a review, so a retry posts
 * no second one.
 */
export function createRedisReviewQueue(options: RedisReviewQueueOptions): ReviewQueue {
  const { log } = options;
  const redis = createRedisClient(options.url, log);
  const keys = createQueueKeys(options.queueName);
  // The queue shares our client: one connection fewer, and one we can cut off when Redis is gone.
  const queue = new Queue<QueuedJob>(options.queueName, {
    connection: redis,
    defaultJobOptions: { removeOnComplete: true, removeOnFail: true, attempts: 3, backoff: { type: "exponential", delay: 10_000 } },
  });
  watchRedisErrors(queue, log, "queue");
  const running = new Map<string, AbortController>();
  let idleWaiters: Array<() => void> = [];
  const settle = () => {
    if (running.size > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };
  const worker = options.work ? startWorker(options, running, settle, redis, keys) : undefined;
  let closed = false;
  let closing: Promise<void> | undefined;

  return {
    async enqueue(job): Promise<EnqueueResult> {
      if (closed) return "closed";
      try {
        return await withTimeout(enqueueReviewJob(job, { queue, redis, keys, limit: options.limit, log, ...(options.onReplaced ? { onReplaced: options.onReplaced } : {}) }), ENQUEUE_TIMEOUT_MS);
      } catch (error) {
        log.error({ deliveryId: job.deliveryId, errorType: (error as Error).name }, "could not queue the review job: is Redis reachable?");
        throw new Error("the review queue (Redis) did not take the job");
      }
    },
    close() {
      closed = true;
      // Stops fetching jobs; running ones go on (the grace period is the caller's).
      closing ??= worker?.close();
      closing?.catch(() => undefined);
    },
    onIdle() {
      if (running.size === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    async release() {
      closed = true;
      for (const controller of running.values()) controller.abort(SHUTDOWN_REASON);
      closing ??= worker?.close();
      if (worker && (await withTimeout(closing!, RELEASE_TIMEOUT_MS).then(() => "closed", () => "timeout")) === "timeout") {
        // Redis gone or a review deaf to its signal: BullMQ's stalled-job check returns what is left.
        await withTimeout(worker.close(true), PING_TIMEOUT_MS).catch(() => undefined);
      }
      await withTimeout(queue.close(), PING_TIMEOUT_MS).catch(() => undefined);
      await withTimeout(redis.quit(), PING_TIMEOUT_MS).catch(() => undefined);
      // A client still trying to reconnect (Redis gone) does not stop on quit: cut it off.
      redis.disconnect();
    },
    async isReady() {
      return withTimeout(redis.ping(), PING_TIMEOUT_MS).then(
        (pong) => pong === "PONG",
        () => false,
      );
    },
    stats: () => readQueueStats(queue),
    get waiting() {
      return 0;
    },
    get running() {
      return running.size;
    },
    oldestWaitSeconds: () => 0,
  };
}

function startWorker(
  options: RedisReviewQueueOptions,
  running: Map<string, AbortController>,
  onSettled: () => void,
  redis: ReturnType<typeof createRedisClient>,
  keys: ReturnType<typeof createQueueKeys>,
): Worker<QueuedJob> {
  const { log } = options;
  const processor = createJobProcessor({ redis, keys, lockMs: options.lockMs, busyRetryMs: 500, run: options.run, running, onSettled, log });
  const worker = new Worker<QueuedJob>(options.queueName, processor, {
    connection: { url: options.url },
    concurrency: options.concurrency,
    lockDuration: options.lockMs,
    stalledInterval: Math.max(500, Math.floor(options.lockMs / 2)),
    // A job may lose two workers (crash, OOM kill) before it is given up.
    maxStalledCount: 2,
  });
  watchRedisErrors(worker, log, "worker");
  worker.on("stalled", (jobId) => log.warn({ jobId }, "a worker stopped in the middle of a review: the job is queued again"));
  worker.on("failed", (job, error) =>
    log.error({ deliveryId: job?.data.deliveryId, attempt: job?.attemptsMade, errorType: error.name }, "review job failed"),
  );
  return worker;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
