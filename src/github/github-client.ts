import type { Octokit } from "@octokit/rest";

/**
 * The part of an Octokit the ports use. Both `@octokit/rest`'s Octokit (Action, CLI, tests) and
 * Probot's `context.octokit` / `app.auth()` client have it.
 */
export type GitHubClient = Pick<Octokit, "rest" | "paginate">;

/** Which pull request a set of ports reads and writes. */
export interface PullRequestRef {
  owner: string;
  repo: string;
  pullNumber: number;
}
