import { commandJobKey } from "../core/triggers/command-job-key.js";
import type { PipelineJob } from "../pipeline/review-pull-request.js";

type JobRef = Pick<PipelineJob, "installationId" | "owner" | "repo" | "pullNumber" | "headSha" | "command">;

/** One pull request of one installation (owner and repository names never contain "/" or "#"). */
export function pullRequestKey(job: JobRef): string {
  return `${job.installationId ?? 0}/${job.owner}/${job.repo}#${job.pullNumber}`;
}

/**
 * The BullMQ job id: one job per pull request and head sha (and one waiting `/review` per PR,
 * and one per `/ask` comment), so the same commit queued twice, by any receiver, is one job.
 */
export function jobIdFor(job: JobRef): string {
  return `${jobIdPrefix(job)}${commandJobKey(job)}`;
}

/** What the job ids of one pull request start with (the head sha follows). */
export function jobIdPrefix(job: JobRef): string {
  return `${pullRequestKey(job)}@`;
}

/** Our own keys next to BullMQ's, namespaced by the queue name. */
export function createQueueKeys(queueName: string) {
  const base = `patchwise:${queueName}`;
  return {
    /** Set once per webhook delivery: a redelivery finds it. */
    delivery: (deliveryId: string) => `${base}:delivery:${deliveryId}`,
    /** The newest head sha an automatic trigger asked for: older ones are superseded. */
    latest: (prKey: string) => `${base}:latest:${prKey}`,
    /** Held while a review of the pull request runs, by one worker at a time. */
    lock: (prKey: string) => `${base}:lock:${prKey}`,
    /** Who shows the check run of a job (by delivery id): the receiver's queued run or the worker's own. */
    checkRun: (deliveryId: string) => `${base}:checkrun:${deliveryId}`,
  };
}

export type QueueKeys = ReturnType<typeof createQueueKeys>;
