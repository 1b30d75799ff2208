import type { ChangedFile } from "../core/types.js";
import type { PullRequestInfo, PullRequestSource } from "../pipeline/ports.js";
import { compareCommits } from "./compare-source.js";
import type { GitHubClient, PullRequestRef } from "./github-client.js";
import { parseListedFile } from "./parse-changed-file.js";

// GitHub's maximum page size; `pulls.listFiles` stops at 3000 files, i.e. 30 pages.
const PER_PAGE = 100;

/** Reads one pull request and its changed files through the REST API. */
export function createPullRequestSource(octokit: GitHubClient, ref: PullRequestRef): PullRequestSource {
  const params = { owner: ref.owner, repo: ref.repo, pull_number: ref.pullNumber };
  return {
    compareCommits: (base, head) => compareCommits(octokit, ref, base, head),
    async getPullRequest(): Promise<PullRequestInfo> {
      const { data } = await octokit.rest.pulls.get(params);
      return {
        number: data.number,
        title: data.title,
        body: data.body ?? "",
        authorLogin: data.user.login,
        draft: data.draft ?? false,
        state: data.state === "closed" ? "closed" : "open",
        baseRef: data.base.ref,
        baseSha: data.base.sha,
        headSha: data.head.sha,
        ...(typeof data.changed_files === "number" ? { changedFiles: data.changed_files } : {}),
      };
    },
    async listFiles(options = {}): Promise<ChangedFile[]> {
      const atMost = options.atMost ?? Number.POSITIVE_INFINITY;
      let read = 0;
      // Pages past what the review can use would only cost calls: a 3,000-file PR is 30 pages.
      const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...params, per_page: PER_PAGE }, (response, done) => {
        read += response.data.length;
        if (read >= atMost) done();
        return response.data;
      });
      return files.map(parseListedFile);
    },
  };
}
