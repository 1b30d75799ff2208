import type { Logger } from "../log.js";
import { authorizeCommand, type AuthorizeCommandDependencies } from "../pipeline/authorize-command.js";
import type { PipelineJob } from "../pipeline/review-pull-request.js";
import type { CommandRateLimiter } from "./create-command-rate-limiter.js";

export interface AdmitCommandDependencies extends AuthorizeCommandDependencies {
  limiter: CommandRateLimiter;
  log: Logger;
}

/**
 * The gate a command job (`/review`, `/ask`, `/describe`, a thread reply) passes at its start, before any model call: the access check, then the
 * rate limits. Access comes first so that comments from people without access neither cost a
 * review nor use up the allowance of those with it. Other jobs pass untouched.
 */
export async function admitCommand(job: PipelineJob, deps: AdmitCommandDependencies): Promise<CommandAdmission> {
  if (job.trigger !== "command") return { admitted: true };
  const authorization = await authorizeCommand(job, deps);
  if (!authorization.allowed) return { admitted: false, reason: `no access: ${authorization.reason}` };
  const admission = await deps.limiter.admit(job);
  if (admission.allowed) return { admitted: true };
  const ids = { deliveryId: job.deliveryId, owner: job.owner, repo: job.repo, pullNumber: job.pullNumber, actor: job.command?.actorLogin };
  deps.log.warn({ ...ids, scope: admission.scope, retryAfterSeconds: Math.ceil(admission.retryAfterMs / 1000) }, "command refused: rate limit reached");
  return { admitted: false, reason: `rate limit of the ${admission.scope} reached` };
}

/** Whether a job may go on to review; a refusal says why, for the audit event (no names, no text). */
export type CommandAdmission = { admitted: true } | { admitted: false; reason: string };
