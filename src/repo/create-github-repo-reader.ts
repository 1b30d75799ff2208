import type { GitHubClient } from "../github/github-client.js";
import { GitHubTimeoutError } from "../github/github-timeout-error.js";
import type { RepoReader } from "../pipeline/ports.js";
import { readGitTree } from "./read-git-tree.js";
import { readGitHubTarball, TarballOverCapError, type RepoCoordinates } from "./read-github-tarball.js";
import { DEFAULT_SNAPSHOT_LIMITS, type SnapshotLimits } from "./snapshot-limits.js";

/**
 * The App's and the Action's reader: the whole repository from one tarball call; when that is
 * over the cap or fails, the git-trees listing plus blob reads of the ranked paths only.
 */
export function createGitHubRepoReader(octokit: GitHubClient, repository: RepoCoordinates, limits: SnapshotLimits = DEFAULT_SNAPSHOT_LIMITS): RepoReader {
  // Owner and repository only: any other field (a pull request number) would become a query parameter.
  const coordinates = { owner: repository.owner, repo: repository.repo };
  return {
    async readSnapshot({ ref, rank, signal }) {
      try {
        return await readGitHubTarball(octokit, coordinates, ref, limits, signal, rank && ((path) => rank(path) !== undefined));
      } catch (error) {
        signal?.throwIfAborted();
        const fallbackReason = error instanceof TarballOverCapError ? error.message : `the tarball could not be read (${describe(error)})`;
        return readGitTree(octokit, coordinates, ref, { rank: rank ?? (() => 0), limits, fallbackReason, ...(signal ? { signal } : {}) });
      }
    },
  };
}

// Status, code or error class only: an error message might quote a response body.
function describe(error: unknown): string {
  if (error instanceof GitHubTimeoutError) return "no data in time";
  const { status, code, name } = (error ?? {}) as { status?: unknown; code?: unknown; name?: unknown };
  if (typeof status === "number") return `HTTP ${status}`;
  if (typeof code === "string") return code;
  return typeof name === "string" ? name : "unknown error";
}
