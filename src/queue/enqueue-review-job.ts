import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { EnqueueResult } from "../app/create-review-queue.js";
import type { Logger } from "../log.js";
import type { PipelineJob } from "../pipeline/review-pull-request.js";
import { jobIdFor, pullRequestKey, type QueueKeys } from "./queue-keys.js";
import { readQueuedJob, toQueuedJob, type QueuedJob } from "./queued-job.js";

// GitHub lets an operator redeliver a webhook for days; the newest sha matters while a PR lives.
const DELIVERY_TTL_SECONDS = 7 * 24 * 3600;
const LATEST_TTL_SECONDS = 30 * 24 * 3600;

export interface EnqueueDependencies {
  queue: Queue<QueuedJob>;
  redis: Redis;
  keys: QueueKeys;
  /** Most jobs waiting at once, over all processes; beyond it new jobs are refused. */
  limit: number;
  /** A newer commit's job removed `older` from the queue before it ran. */
  onReplaced?: (older: PipelineJob) => void;
  log: Logger;
}

/**
 * The receiver's side of the shared queue, with the rules of the in-process queue holding across
 * processes: a redelivered webhook does nothing (a Redis key per delivery id), the same commit is
 * one job (the BullMQ job id), and a newer automatic head sha replaces the waiting job of an older
 * one and, through the `latest` key its worker polls, aborts a running one.
 */
export async function enqueueReviewJob(job: PipelineJob, deps: EnqueueDependencies): Promise<EnqueueResult> {
  const data = toQueuedJob(job);
  const deliveryKey = deps.keys.delivery(job.deliveryId);
  if ((await deps.redis.set(deliveryKey, "1", "EX", DELIVERY_TTL_SECONDS, "NX")) !== "OK") return "duplicate";
  try {
    return await addJob(job, data, deps);
  } catch (error) {
    // Not queued: forget the delivery, so that GitHub's redelivery of it is taken.
    await deps.redis.del(deliveryKey).catch(() => undefined);
    throw error;
  }
}

async function addJob(job: PipelineJob, data: QueuedJob, deps: EnqueueDependencies): Promise<EnqueueResult> {
  const jobId = jobIdFor(job);
  // Completed and failed jobs are removed at once, so a job that exists is waiting or running.
  if (await deps.queue.getJob(jobId)) return "duplicate";
  let replaced: { data: unknown } | null = null;
  if (job.trigger !== "command" && job.headSha) {
    const previous = await deps.redis.set(deps.keys.latest(pullRequestKey(job)), job.headSha, "EX", LATEST_TTL_SECONDS, "GET");
    if (previous && previous !== job.headSha) replaced = await removeWaiting(deps.queue, jobIdFor({ ...job, headSha: previous }));
  }
  if (!replaced) {
    const waiting = await deps.queue.getJobCountByTypes("waiting", "delayed", "prioritized");
    if (waiting >= deps.limit) {
      deps.log.warn({ deliveryId: job.deliveryId, waiting }, "review queue full: job refused");
      return "full";
    }
  }
  // Two receivers adding the same id at once still make one job: BullMQ ignores the second add.
  await deps.queue.add("review", data, { jobId });
  if (!replaced) return "queued";
  notifyReplaced(replaced.data, deps);
  return "replaced";
}

// The removed job's data was written by some receiver: read it as any job is read, or leave it be.
function notifyReplaced(data: unknown, deps: EnqueueDependencies): void {
  if (!deps.onReplaced) return;
  try {
    deps.onReplaced(readQueuedJob(data));
  } catch {
    deps.log.warn({}, "a replaced job held unreadable data; its check run is left as it is");
  }
}

// A running (locked) job is not removed: BullMQ answers 0, and its worker aborts it instead.
async function removeWaiting(queue: Queue<QueuedJob>, jobId: string): Promise<{ data: unknown } | null> {
  const waiting = await queue.getJob(jobId);
  if (!waiting || (await queue.remove(jobId)) !== 1) return null;
  return waiting;
}
