import { FINGERPRINT_MARKER_PREFIX } from "../core/findings/fingerprint-finding.js";
import type { ReviewThreadPort } from "../pipeline/ports.js";
import type { GitHubClient, PullRequestRef } from "./github-client.js";
import { writeOnce, type WriteOnceOptions } from "./write-once.js";

const PER_PAGE = 100;

export interface ReviewThreadsOptions extends WriteOnceOptions {
  /** Patchwise's bot login: a thread is ours only when its first comment is this account's finding. */
  botLogin: string;
}

/** Reads Patchwise's review threads and replies in them (`POST .../pulls/{n}/comments/{id}/replies`). */
export function createReviewThreads(octokit: GitHubClient, ref: PullRequestRef, options: ReviewThreadsOptions): ReviewThreadPort {
  const pr = { owner: ref.owner, repo: ref.repo, pull_number: ref.pullNumber };
  const listComments = () => octokit.paginate(octokit.rest.pulls.listReviewComments, { ...pr, per_page: PER_PAGE });
  const isOurs = (comment: { user?: { login: string } | null }) => comment.user?.login === options.botLogin;
  return {
    async readThread(replyId) {
      const comments = await listThreadComments(octokit, pr, replyId);
      const reply = comments.find((comment) => comment.id === replyId);
      const root = comments.find((comment) => comment.id === reply?.in_reply_to_id);
      // A person can paste our marker, not post as our bot: only the bot's own finding starts a thread we answer in.
      if (!reply || !root || !isOurs(root) || !root.body.includes(FINGERPRINT_MARKER_PREFIX)) return null;
      const thread = [root, ...comments.filter((comment) => comment.in_reply_to_id === root.id && comment.id <= replyId)].sort((a, b) => a.id - b.id);
      return {
        id: root.id,
        path: root.path,
        line: root.line ?? root.original_line ?? null,
        comments: thread.map((comment) => ({ author: comment.user?.login ?? "ghost", ours: isOurs(comment), body: comment.body })),
      };
    },
    async reply(threadId, body, marker) {
      const find = async () => {
        const found = (await listComments()).find((comment) => comment.in_reply_to_id === threadId && isOurs(comment) && comment.body.includes(marker));
        return found ? { url: found.html_url } : undefined;
      };
      return writeOnce(
        async (request) => ({ url: (await octokit.rest.pulls.createReplyForReviewComment({ ...pr, comment_id: threadId, body, request })).data.html_url }),
        find,
        options,
      );
    },
  };
}

type ReviewComment = Awaited<ReturnType<GitHubClient["rest"]["pulls"]["listReviewComments"]>>["data"][number];

/**
 * The pull request's review comments, newest first, down to the thread's first comment: a reply
 * is new, and its thread's comments are all newer than that first one, so the pages older than it
 * are not read. On a pull request with a long history this is one page instead of all of them.
 */
async function listThreadComments(octokit: GitHubClient, pr: { owner: string; repo: string; pull_number: number }, replyId: number): Promise<ReviewComment[]> {
  const comments: ReviewComment[] = [];
  let reply: ReviewComment | undefined;
  await octokit.paginate(octokit.rest.pulls.listReviewComments, { ...pr, per_page: PER_PAGE, sort: "created", direction: "desc" }, (response, done) => {
    comments.push(...response.data);
    reply ??= response.data.find((comment) => comment.id === replyId);
    const rootId = reply?.in_reply_to_id;
    // Once the reply is read: a reply to nothing has no thread, and past the thread's first comment the rest is older.
    if (reply && (!rootId || response.data.some((comment) => comment.id <= rootId))) done();
    return [];
  });
  return comments;
}
