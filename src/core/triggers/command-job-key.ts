import type { ReviewJob } from "../types.js";

type KeyedJob = Pick<ReviewJob, "command"> & { headSha: string | null };

/**
 * What tells one job of a pull request from another in the queue: its head sha for a push, one
 * waiting `/review` per pull request, and each `/ask` comment or thread reply on its own (two questions are two jobs).
 */
export function commandJobKey(job: KeyedJob): string {
  if (job.headSha !== null) return job.headSha;
  return job.command?.name ? `${job.command.name}-${job.command.commentId}` : "command";
}
