import type { ConversationPort } from "../pipeline/ports.js";
import type { GitHubClient, PullRequestRef } from "./github-client.js";
import { writeOnce, type WriteOnceOptions } from "./write-once.js";

const PER_PAGE = 100;

export interface ConversationOptions extends WriteOnceOptions {
  /** Patchwise's bot login: after a failed post only its own comment with the marker counts as posted. */
  botLogin?: string;
}

/** The pull request's issue comments: the `/ask` comment read again, and the one answer posted. */
export function createPullRequestConversation(octokit: GitHubClient, ref: PullRequestRef, options: ConversationOptions = {}): ConversationPort {
  const issue = { owner: ref.owner, repo: ref.repo, issue_number: ref.pullNumber };
  return {
    async readComment(commentId) {
      try {
        const { data } = await octokit.rest.issues.getComment({ owner: ref.owner, repo: ref.repo, comment_id: commentId });
        return data.body ?? "";
      } catch (error) {
        // 404: deleted before its turn came; nothing to answer.
        if ((error as { status?: unknown })?.status === 404) return null;
        throw error;
      }
    },
    async postComment(body, marker) {
      const find = async () => {
        const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...issue, per_page: PER_PAGE });
        const found = comments.find((comment) => (comment.body ?? "").includes(marker) && (options.botLogin === undefined || comment.user?.login === options.botLogin));
        return found ? { url: found.html_url } : undefined;
      };
      return writeOnce(async (request) => ({ url: (await octokit.rest.issues.createComment({ ...issue, body, request })).data.html_url }), find, options);
    },
  };
}
