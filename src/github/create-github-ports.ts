import type { ConfigSource, PullRequestSource, ReviewPublisher } from "../pipeline/ports.js";
import type { GitHubClient, PullRequestRef } from "./github-client.js";
import { createPullRequestSource } from "./pull-request-source.js";
import { createRepoConfigSource } from "./repo-config-source.js";
import { createReviewPublisher, type ReviewPublisherOptions } from "./review-publisher.js";

export interface GitHubPorts {
  source: PullRequestSource;
  publisher: ReviewPublisher;
  config: ConfigSource;
}

/** The Octokit-backed ports of one pull request; `config` reads the default branch's `.github/patchwise.yml`. */
export function createGitHubPorts(octokit: GitHubClient, ref: PullRequestRef, options: ReviewPublisherOptions = {}): GitHubPorts {
  return {
    source: createPullRequestSource(octokit, ref),
    publisher: createReviewPublisher(octokit, ref, options),
    config: createRepoConfigSource(octokit, ref),
  };
}
