import type { ConfigSource } from "../pipeline/ports.js";
import { ConfigReadError } from "./config-read-error.js";
import type { GitHubClient, PullRequestRef } from "./github-client.js";
import { parseConfigYaml } from "./parse-config-yaml.js";

export const REPO_CONFIG_PATH = ".github/patchwise.yml";

/**
 * Reads `.github/patchwise.yml` from the repository's default branch (the Action and the CLI;
 * the App uses Probot's reader). Never from the PR head: a fork's author controls that.
 */
export function createRepoConfigSource(octokit: GitHubClient, ref: Pick<PullRequestRef, "owner" | "repo">, path: string = REPO_CONFIG_PATH): ConfigSource {
  return {
    async loadRepoConfig() {
      // No `ref`: GitHub then reads the default branch.
      const response = await octokit.rest.repos.getContent({ owner: ref.owner, repo: ref.repo, path }).catch((error: unknown) => {
        if ((error as { status?: unknown }).status === 404) return null;
        throw error;
      });
      if (response === null) return null;
      const { data } = response;
      if (Array.isArray(data) || data.type !== "file" || !("content" in data)) {
        throw new ConfigReadError({ path, problem: "not a regular file" });
      }
      // Files over 1 MB come back without content ("encoding": "none").
      if (data.encoding !== "base64") throw new ConfigReadError({ path, problem: "too large to read (over 1 MB)" });
      return parseConfigYaml(Buffer.from(data.content, "base64").toString("utf8"), path);
    },
  };
}
