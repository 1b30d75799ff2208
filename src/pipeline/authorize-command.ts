import { decideCommandAccess, hasWriteAccess, type RepositoryPermission } from "../core/access/decide-command-access.js";
import { COMMAND_REFUSAL_MARKER, commandLabel, renderCommandRefusal } from "../core/access/render-command-refusal.js";
import { parseRepoConfig } from "../core/config/parse-repo-config.js";
import { DEFAULT_REPO_CONFIG } from "../core/config/repo-config-schema.js";
import type { Logger } from "../log.js";
import { describeFailure } from "./describe-failure.js";
import type { CommandAccessPort, ConfigSource } from "./ports.js";
import type { PipelineJob } from "./review-pull-request.js";

export interface AuthorizeCommandDependencies {
  access: CommandAccessPort;
  /** The repository's `.github/patchwise.yml`, read only when the commenter lacks write access. */
  config: ConfigSource;
  log: Logger;
}

export type CommandAuthorization =
  | { allowed: true; because: "not a command" | "write access" | "pull request author" }
  | { allowed: false; reason: string; replied: boolean };

/**
 * Runs before the pipeline of a command (`/review`, `/ask`, `/describe`, a thread reply): only people with write access (and the
 * pull request's author, where the repository allows it) spend the owner's model tokens. Anyone
 * else gets one short reply per pull request, or silence where configured. It never throws: when
 * GitHub cannot say who the commenter is, the command is refused without a reply.
 */
export async function authorizeCommand(job: PipelineJob, deps: AuthorizeCommandDependencies): Promise<CommandAuthorization> {
  if (job.trigger !== "command") return { allowed: true, because: "not a command" };
  const ids = { deliveryId: job.deliveryId, owner: job.owner, repo: job.repo, pullNumber: job.pullNumber, actor: job.command?.actorLogin, command: commandLabel(job.command?.name) };
  if (job.command === undefined) return refused(deps.log, ids, "the job does not say who asked", false);

  let permission: RepositoryPermission | null;
  try {
    permission = await deps.access.getPermission(job.command.actorLogin);
  } catch (error) {
    return refused(deps.log, ids, `the commenter's permission could not be read: ${describeFailure(error)}`, false);
  }
  // Most commands come from maintainers: they need no configuration read.
  if (hasWriteAccess(permission)) return allowed(deps.log, ids, "write access");

  const settings = await readCommandSettings(deps, ids);
  const isPullRequestAuthor = job.command.actorLogin.toLowerCase() === job.command.pullRequestAuthorLogin.toLowerCase();
  const decision = decideCommandAccess({ permission, isPullRequestAuthor, repositoryPrivate: job.command.repositoryPrivate, settings });
  if (decision.allowed) return allowed(deps.log, ids, decision.because);
  if (!decision.reply) return refused(deps.log, ids, decision.reason, false);
  try {
    const result = await deps.access.ensureRefusalReply(renderCommandRefusal(settings, job.command.name), COMMAND_REFUSAL_MARKER);
    return refused(deps.log, ids, decision.reason, result === "posted");
  } catch (error) {
    deps.log.warn({ ...ids, error: describeFailure(error) }, "could not reply to a refused command");
    return refused(deps.log, ids, decision.reason, false);
  }
}

// A configuration that cannot be read or is invalid gives the defaults: the stricter choice.
async function readCommandSettings(deps: AuthorizeCommandDependencies, ids: object) {
  try {
    return parseRepoConfig(await deps.config.loadRepoConfig()).config.commands;
  } catch (error) {
    deps.log.warn({ ...ids, error: describeFailure(error) }, "configuration unreadable; command access uses the defaults");
    return DEFAULT_REPO_CONFIG.commands;
  }
}

function allowed(log: Logger, ids: object, because: "write access" | "pull request author"): CommandAuthorization {
  log.info({ ...ids, because }, "command access allowed");
  return { allowed: true, because };
}

function refused(log: Logger, ids: object, reason: string, replied: boolean): CommandAuthorization {
  log.info({ ...ids, reason, replied }, "command access refused");
  return { allowed: false, reason, replied };
}
