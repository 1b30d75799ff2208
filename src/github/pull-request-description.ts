import type { DescriptionPort } from "../pipeline/ports.js";
import type { GitHubClient, PullRequestRef } from "./github-client.js";

/** `GET`/`PATCH .../pulls/{n}` for the description only: the PATCH body holds `body` and nothing else. */
export function createPullRequestDescription(octokit: GitHubClient, ref: PullRequestRef): DescriptionPort {
  const pr = { owner: ref.owner, repo: ref.repo, pull_number: ref.pullNumber };
  return {
    async read() {
      return (await octokit.rest.pulls.get(pr)).data.body ?? "";
    },
    async write(body) {
      // A PATCH that repeats is harmless: it writes the same text again.
      return { url: (await octokit.rest.pulls.update({ ...pr, body })).data.html_url };
    },
  };
}
