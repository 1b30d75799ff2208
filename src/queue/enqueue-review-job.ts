import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { EnqueueResult } from "../app/create-review-queue.js";
import type { Logger } from "../log.js";
import type { PipelineJob } from "../pipeline/review-pull-request.js";
import { jobIdFor, jobIdPrefix, pullRequestKey, type QueueKeys } from "./queue-keys.js";
import { readQueuedJob, toQueuedJob, type QueuedJob } from "./queued-job.js";

// GitHub lets an operator redeliver a webhook for days; the newest sha matters while a PR lives.
const DELIVERY_TTL_SECONDS = 7 * 24 * 3600;
const LATEST_TTL_SECONDS = 30 * 24 * 3600;

// A delivery seen before, or a commit whose job exists (completed and failed jobs are removed at
// once, so it waits or runs), is a duplicate. A full queue (waiting as BullMQ counts it: wait +
// delayed + prioritized) refuses the job before anything changes, unless it replaces the PR's
// waiting job of an older commit. Otherwise the delivery is marked and an automatic trigger
// becomes the pull request's newest head sha; the one it replaces is returned.
// KEYS: delivery, job hash, latest (the delivery key again for /review), wait, delayed, prioritized.
// ARGV: delivery TTL, latest TTL, head sha ("" for /review), limit, the job id without its sha.
const ADMIT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return {'duplicate', '', 0} end
if redis.call('EXISTS', KEYS[2]) == 1 then
  redis.call('SET', KEYS[1], '1', 'EX', ARGV[1])
  return {'duplicate', '', 0}
end
local previous = ''
if ARGV[3] ~= '' then previous = redis.call('GET', KEYS[3]) or '' end
local waiting = redis.call('LLEN', KEYS[4]) + redis.call('ZCARD', KEYS[5]) + redis.call('ZCARD', KEYS[6])
if waiting >= tonumber(ARGV[4]) then
  local replaces = previous ~= '' and previous ~= ARGV[3] and redis.call('LPOS', KEYS[4], ARGV[5] .. previous) ~= false
  if not replaces then return {'full', '', waiting} end
end
redis.call('SET', KEYS[1], '1', 'EX', ARGV[1])
if ARGV[3] ~= '' then redis.call('SET', KEYS[3], ARGV[3], 'EX', ARGV[2]) end
return {'admitted', previous, waiting}
`;

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
  const jobId = jobIdFor(job);
  const automatic = job.trigger !== "command" && job.headSha !== null;
  // One round trip before the add (it was four): the webhook's answer waits for them.
  const guard = (await deps.redis.eval(
    ADMIT,
    6,
    deliveryKey,
    deps.queue.toKey(jobId),
    automatic ? deps.keys.latest(pullRequestKey(job)) : deliveryKey,
    deps.queue.keys.wait!,
    deps.queue.keys.delayed!,
    deps.queue.keys.prioritized!,
    String(DELIVERY_TTL_SECONDS),
    String(LATEST_TTL_SECONDS),
    automatic ? job.headSha! : "",
    String(deps.limit),
    jobIdPrefix(job),
  )) as [string, string, number];
  if (guard[0] === "duplicate") return "duplicate";
  if (guard[0] === "full") {
    // Nothing was marked: a redelivery once the queue has room is taken.
    deps.log.warn({ deliveryId: job.deliveryId, waiting: guard[2] }, "review queue full: job refused");
    return "full";
  }
  try {
    return await addJob(job, data, jobId, guard[1], deps);
  } catch (error) {
    // Not queued: forget the delivery, so that GitHub's redelivery of it is taken.
    await deps.redis.del(deliveryKey).catch(() => undefined);
    throw error;
  }
}

async function addJob(job: PipelineJob, data: QueuedJob, jobId: string, previousSha: string, deps: EnqueueDependencies): Promise<EnqueueResult> {
  const replaced = previousSha !== "" && previousSha !== job.headSha ? await removeWaiting(deps.queue, jobIdFor({ ...job, headSha: previousSha })) : null;
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
