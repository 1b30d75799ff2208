import type { RepoConfig } from "../config/repo-config-schema.js";

/** A user's access to a repository, as `GET /repos/{owner}/{repo}/collaborators/{username}/permission` reports it. */
export interface RepositoryPermission {
  /** `admin`, `write`, `read` or `none`; maintainers and custom roles built on write report `write`. */
  permission: string;
  /** The role itself (`admin`, `maintain`, `write`, `triage`, `read` or a custom role); missing on older servers. */
  roleName: string | null;
}

export interface CommandAccessInput {
  /** GitHub's answer for the commenter, or null when GitHub knows no such user. */
  permission: RepositoryPermission | null;
  isPullRequestAuthor: boolean;
  repositoryPrivate: boolean;
  settings: RepoConfig["commands"];
}

export type CommandAccess =
  | { allowed: true; because: "write access" | "pull request author" }
  | { allowed: false; reason: string; reply: boolean };

const WRITE_PERMISSIONS: ReadonlySet<string> = new Set(["admin", "write"]);
const WRITE_ROLES: ReadonlySet<string> = new Set(["admin", "maintain", "write"]);

/** True for admin, maintain and write access (including custom roles GitHub reports as `write`). */
export function hasWriteAccess(permission: RepositoryPermission | null): boolean {
  if (permission === null) return false;
  return WRITE_PERMISSIONS.has(permission.permission) || (permission.roleName !== null && WRITE_ROLES.has(permission.roleName));
}

/**
 * Whether a `/review` spends the owner's model tokens: yes for people with write access, and for
 * the pull request's author when the repository allows it. A refusal says whether to reply: a
 * public repository can be told to stay silent, so that anyone's comments do not make us talk.
 */
export function decideCommandAccess(input: CommandAccessInput): CommandAccess {
  if (hasWriteAccess(input.permission)) return { allowed: true, because: "write access" };
  if (input.settings.allowAuthor && input.isPullRequestAuthor) return { allowed: true, because: "pull request author" };
  const reply = input.settings.replyToRefused === "always" || (input.settings.replyToRefused === "private-only" && input.repositoryPrivate);
  const role = input.permission?.roleName ?? input.permission?.permission ?? "none";
  return { allowed: false, reason: `the commenter has ${role === "none" ? "no" : role} access${input.isPullRequestAuthor ? " (pull request author; commands.allowAuthor is off)" : ""}`, reply };
}
