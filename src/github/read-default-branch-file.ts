import { ConfigReadError } from "./config-read-error.js";
import type { GitHubClient, PullRequestRef } from "./github-client.js";

type RepoRef = Pick<PullRequestRef, "owner" | "repo">;
type Content = Awaited<ReturnType<GitHubClient["rest"]["repos"]["getContent"]>>["data"];
/** One entry of a folder as the contents API lists it. */
export type ContentEntry = Extract<Content, unknown[]>[number];

/**
 * The bytes of the regular file at `path` on the repository's default branch, or null when there
 * is none. Never the pull request's head: whoever opens a pull request controls that.
 */
export async function readDefaultBranchFile(octokit: GitHubClient, ref: RepoRef, path: string): Promise<Uint8Array | null> {
  const data = await getDefaultBranchContent(octokit, ref, path);
  if (data === null) return null;
  if (Array.isArray(data) || data.type !== "file" || !("content" in data)) throw new ConfigReadError({ path, problem: "not a regular file" });
  // Files over 1 MB come back without content ("encoding": "none").
  if (data.encoding !== "base64") throw new ConfigReadError({ path, problem: "too large to read (over 1 MB)" });
  return Buffer.from(data.content, "base64");
}

/** The entries of the folder at `path` on the default branch; null when there is no such folder. */
export async function listDefaultBranchFolder(octokit: GitHubClient, ref: RepoRef, path: string): Promise<ContentEntry[] | null> {
  const data = await getDefaultBranchContent(octokit, ref, path);
  return Array.isArray(data) ? data : null;
}

async function getDefaultBranchContent(octokit: GitHubClient, ref: RepoRef, path: string): Promise<Content | null> {
  // No `ref`: GitHub then reads the default branch.
  const response = await octokit.rest.repos.getContent({ owner: ref.owner, repo: ref.repo, path }).catch((error: unknown) => {
    if ((error as { status?: unknown }).status === 404) return null;
    throw error;
  });
  return response === null ? null : response.data;
}
