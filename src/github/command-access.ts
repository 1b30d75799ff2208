import { z } from "zod";
import { guardPostedText } from "../core/sanitize/guard-posted-text.js";
import type { CommandAccessPort } from "../pipeline/ports.js";
import type { GitHubClient, PullRequestRef } from "./github-client.js";

// The fields of `GET /repos/{owner}/{repo}/collaborators/{username}/permission` we read;
// older GitHub Enterprise servers send no `role_name`.
const permissionSchema = z.looseObject({ permission: z.string(), role_name: z.string().nullish() });

const PER_PAGE = 100;

/** The access check's GitHub side: the collaborator permission API and the issue comments of the pull request. */
export function createCommandAccess(octokit: GitHubClient, ref: PullRequestRef): CommandAccessPort {
  const issue = { owner: ref.owner, repo: ref.repo, issue_number: ref.pullNumber };
  return {
    async getPermission(login) {
      try {
        const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner: ref.owner, repo: ref.repo, username: login });
        const parsed = permissionSchema.parse(data);
        return { permission: parsed.permission, roleName: parsed.role_name ?? null };
      } catch (error) {
        // 404: no such user (a deleted account, say); every other failure is the caller's to handle.
        if ((error as { status?: unknown })?.status === 404) return null;
        throw error;
      }
    },
    async ensureRefusalReply(body, marker) {
      const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...issue, per_page: PER_PAGE });
      if (comments.some((comment) => (comment.body ?? "").includes(marker))) return "already there";
      // The last guard before GitHub, as for every text Patchwise posts.
      await octokit.rest.issues.createComment({ ...issue, body: guardPostedText(body) });
      return "posted";
    },
  };
}
