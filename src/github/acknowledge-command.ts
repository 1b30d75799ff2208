import type { Logger } from "../log.js";
import type { GitHubClient, PullRequestRef } from "./github-client.js";

/**
 * Puts a 👀 reaction on a `/review` comment, so its author sees at once that the command was
 * taken up. It never throws: a review does not depend on its acknowledgement.
 */
export async function acknowledgeCommand(octokit: GitHubClient, ref: Pick<PullRequestRef, "owner" | "repo">, commentId: number, log: Logger, ids: object = {}): Promise<void> {
  try {
    await octokit.rest.reactions.createForIssueComment({ owner: ref.owner, repo: ref.repo, comment_id: commentId, content: "eyes" });
  } catch (error) {
    const status = (error as { status?: unknown })?.status;
    log.warn({ ...ids, status: typeof status === "number" ? status : undefined, errorType: (error as Error)?.name }, "could not react to the /review comment");
  }
}
