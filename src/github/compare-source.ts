import { z } from "zod";
import type { CommitComparison } from "../core/review/plan-incremental-range.js";
import type { GitHubClient, PullRequestRef } from "./github-client.js";
import { changedFileSchema, toChangedFile } from "./parse-changed-file.js";

// The fields of `GET /repos/{owner}/{repo}/compare/{base}...{head}` we read.
const comparisonSchema = z.looseObject({
  status: z.enum(["ahead", "identical", "behind", "diverged"]),
  // Strict, unlike the pull request's list: a malformed comparison is not trusted, and the review is a full one.
  files: z.array(changedFileSchema).default([]),
});

/**
 * GitHub's comparison of two commits (one call: up to 300 files with their patches). A base
 * GitHub no longer knows (404, or 422 for commits without a common history) is `unknown`; any
 * other failure is the caller's to handle.
 */
export async function compareCommits(octokit: GitHubClient, ref: Pick<PullRequestRef, "owner" | "repo">, base: string, head: string): Promise<CommitComparison> {
  try {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ owner: ref.owner, repo: ref.repo, basehead: `${base}...${head}` });
    const parsed = comparisonSchema.parse(data);
    return { status: parsed.status, files: parsed.files.map(toChangedFile) };
  } catch (error) {
    const status = (error as { status?: unknown })?.status;
    if (status === 404 || status === 422) return { status: "unknown" };
    throw error;
  }
}
