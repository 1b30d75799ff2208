import { CHECK_RUN_NAME } from "../core/progress/check-run-update.js";
import type { GitHubClient, PullRequestRef } from "./github-client.js";

const PER_PAGE = 100;

/** Every "Patchwise review" check run on a commit, finished or not. */
export function listCheckRuns(octokit: GitHubClient, ref: Pick<PullRequestRef, "owner" | "repo">, headSha: string) {
  return octokit.paginate(octokit.rest.checks.listForRef, { owner: ref.owner, repo: ref.repo, ref: headSha, check_name: CHECK_RUN_NAME, filter: "all", per_page: PER_PAGE });
}
