import type { ConfigSource } from "../pipeline/ports.js";
import type { GitHubClient, PullRequestRef } from "./github-client.js";
import { parseConfigYaml } from "./parse-config-yaml.js";
import { readDefaultBranchFile } from "./read-default-branch-file.js";
import { readInstructionFiles } from "./read-instruction-files.js";

export const REPO_CONFIG_PATH = ".github/patchwise.yml";

/**
 * Reads `.github/patchwise.yml` and the instruction files from the repository's default branch
 * (the Action; the App reads the config with Probot's reader). Never from the PR head: a fork's
 * author controls that.
 */
export function createRepoConfigSource(octokit: GitHubClient, ref: Pick<PullRequestRef, "owner" | "repo">, path: string = REPO_CONFIG_PATH): ConfigSource {
  return {
    async loadRepoConfig() {
      const bytes = await readDefaultBranchFile(octokit, ref, path);
      return bytes === null ? null : parseConfigYaml(Buffer.from(bytes).toString("utf8"), path);
    },
    loadInstructionFiles: () => readInstructionFiles(octokit, ref),
  };
}
