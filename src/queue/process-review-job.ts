import { DelayedError, WaitingError, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "../log.js";
import type { PipelineJob } from "../pipeline/review-pull-request.js";
import { createPullRequestLock } from "./pull-request-lock.js";
import { pullRequestKey, type QueueKeys } from "./queue-keys.js";
import { readQueuedJob, type QueuedJob } from "./queued-job.js";

/** The abort reason of reviews cut short by a shutdown: their jobs go back to the queue. */
export const SHUTDOWN_REASON = "worker shutting down";
const SUPERSEDED_REASON = "superseded by a newer commit of the pull request";

export interface ProcessDependencies {
  redis: Redis;
  keys: QueueKeys;
  /** Time-to-live of the pull request lock; the heartbeat extends it. */
  lockMs: number;
  /** How long a job waits before trying again while another review of its PR runs. */
  busyRetryMs: number;
  run: (job: PipelineJob, signal: AbortSignal) => Promise<void>;
  /** This process's running reviews by job id, for the shutdown to abort. */
  running: Map<string, AbortController>;
  /** Called whenever a review of this process ends. */
  onSettled: () => void;
  log: Logger;
}

/**
 * The BullMQ processor: runs one review with the rules the in-process queue keeps, across
 * processes. A job whose sha was superseded while it waited ends at once; a job whose PR is under
 * review elsewhere waits (delayed) and tries again; while it runs, a heartbeat keeps the PR lock and
 * aborts the review when a newer automatic sha arrives. A review cut short by a shutdown goes back
 * to the queue for another worker.
 */
export function createJobProcessor(deps: ProcessDependencies) {
  const heartbeatMs = Math.min(1_000, Math.floor(deps.lockMs / 3));
  return async (bullJob: Job<QueuedJob>, token?: string, bullSignal?: AbortSignal): Promise<void> => {
    const job = readQueuedJob(bullJob.data);
    const jobId = bullJob.id ?? "";
    const holder = token ?? jobId;
    const prKey = pullRequestKey(job);
    const ids = { deliveryId: job.deliveryId, pullNumber: job.pullNumber, attempt: bullJob.attemptsStarted };
    const automatic = job.trigger !== "command";
    if (automatic && (await isSuperseded(deps, prKey, job.headSha))) {
      deps.log.info(ids, "a newer commit of the pull request is queued: this job ends unreviewed");
      return;
    }
    const lock = createPullRequestLock(deps.redis, { lock: deps.keys.lock(prKey), latest: deps.keys.latest(prKey) }, holder, deps.lockMs);
    if (!(await lock.acquire())) {
      // Another review of this PR runs (in any process): per-PR order, so try again shortly.
      await bullJob.moveToDelayed(Date.now() + deps.busyRetryMs, token);
      throw new DelayedError();
    }

    const controller = new AbortController();
    deps.running.set(jobId, controller);
    const beat = async () => {
      try {
        const { held, latestSha } = await lock.renew();
        if (!held) deps.log.warn(ids, "lost the pull request lock (Redis unreachable too long?)");
        if (automatic && latestSha && latestSha !== job.headSha && !controller.signal.aborted) {
          deps.log.info(ids, "newer commit arrived: aborting the running review");
          controller.abort(SUPERSEDED_REASON);
        }
      } catch (error) {
        deps.log.warn({ ...ids, errorType: (error as Error).name }, "pull request lock heartbeat failed");
      }
    };
    const heartbeat = setInterval(() => void beat(), heartbeatMs);
    try {
      await deps.run(job, bullSignal ? AbortSignal.any([controller.signal, bullSignal]) : controller.signal);
    } finally {
      clearInterval(heartbeat);
      deps.running.delete(jobId);
      await lock.release().catch(() => undefined);
      deps.onSettled();
    }
    if (controller.signal.reason === SHUTDOWN_REASON) {
      await bullJob.moveToWait(token);
      deps.log.info(ids, "review handed back to the queue at shutdown");
      throw new WaitingError();
    }
  };
}

async function isSuperseded(deps: ProcessDependencies, prKey: string, headSha: string | null): Promise<boolean> {
  const latest = await deps.redis.get(deps.keys.latest(prKey));
  return latest !== null && headSha !== null && latest !== headSha;
}
