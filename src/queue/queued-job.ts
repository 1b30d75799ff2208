import { z } from "zod";
import type { CommandRequest } from "../core/types.js";
import type { PipelineJob } from "../pipeline/review-pull-request.js";

// What a job stored in Redis holds: the references of a review and nothing else (never code,
// a diff or a prompt). Anyone who can read the Redis server sees exactly these fields.
const commandSchema = z.strictObject({
  actorLogin: z.string(),
  pullRequestAuthorLogin: z.string(),
  repositoryPrivate: z.boolean(),
  commentId: z.number().int(),
  full: z.boolean(),
  focus: z.string().max(200),
  name: z.enum(["ask", "thread", "describe"]).optional(),
});

const queuedJobSchema = z.strictObject({
  installationId: z.number().int().nullable(),
  owner: z.string().min(1),
  repo: z.string().min(1),
  pullNumber: z.number().int().positive(),
  headSha: z.string().regex(/^[0-9a-f]{40,64}$/).nullable(),
  trigger: z.enum(["opened", "reopened", "ready_for_review", "synchronize", "command"]),
  deliveryId: z.string().min(1),
  command: commandSchema.optional(),
});

export type QueuedJob = z.infer<typeof queuedJobSchema>;

// A field added to the job or the command fails the type-check here, so that whoever adds it
// decides whether it is a reference that may be stored in Redis.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const commandFieldsMatch: Same<keyof z.infer<typeof commandSchema>, keyof CommandRequest> = true;
const jobFieldsMatch: Same<keyof QueuedJob, keyof PipelineJob> = true;
void commandFieldsMatch;
void jobFieldsMatch;

/** The job's references, copied field by field (nothing else an object may carry reaches Redis). */
export function toQueuedJob(job: PipelineJob): QueuedJob {
  const { installationId, owner, repo, pullNumber, headSha, trigger, deliveryId, command } = job;
  const queued: QueuedJob = { installationId, owner, repo, pullNumber, headSha, trigger, deliveryId };
  if (command) {
    const { actorLogin, pullRequestAuthorLogin, repositoryPrivate, commentId, full, focus, name } = command;
    queued.command = { actorLogin, pullRequestAuthorLogin, repositoryPrivate, commentId, full, focus, ...(name ? { name } : {}) };
  }
  return queuedJobSchema.parse(queued);
}

/** A job read back from Redis, validated: data written by another version or by hand is refused. */
export function readQueuedJob(data: unknown): PipelineJob {
  return queuedJobSchema.parse(data);
}
