import type { InstructionFileSources } from "../core/instructions/collect-instruction-files.js";
import { COPILOT_INSTRUCTIONS_PATH, INSTRUCTIONS_DIR, planInstructionReads, type InstructionFileEntry, type InstructionFileSkip } from "../core/instructions/plan-instruction-reads.js";
import { ConfigReadError } from "./config-read-error.js";
import type { GitHubClient, PullRequestRef } from "./github-client.js";
import { listDefaultBranchFolder, readDefaultBranchFile } from "./read-default-branch-file.js";

const GITHUB_DIR = ".github";
const SYMLINK_MODE = "120000";

/**
 * The instruction files of the default branch, in as few calls as GitHub allows: one listing of
 * `.github` (a 404, or neither entry in it, ends there), one recursive tree of
 * `.github/instructions` when it exists (subfolders included), then one read per planned file.
 * Nothing else of the repository is read, and a symbolic link is never followed.
 */
export async function readInstructionFiles(octokit: GitHubClient, ref: Pick<PullRequestRef, "owner" | "repo">): Promise<InstructionFileSources> {
  const listing = await listDefaultBranchFolder(octokit, ref, GITHUB_DIR);
  if (listing === null) return { files: [], skipped: [] };
  const entries: InstructionFileEntry[] = [];
  const repositoryWide = listing.find((entry) => entry.path === COPILOT_INSTRUCTIONS_PATH);
  if (repositoryWide) entries.push({ path: repositoryWide.path, size: repositoryWide.size, kind: repositoryWide.type === "file" ? "file" : repositoryWide.type === "symlink" ? "symlink" : "other" });
  const folder = listing.find((entry) => entry.path === INSTRUCTIONS_DIR && entry.type === "dir");
  if (folder) {
    const { data } = await octokit.rest.git.getTree({ owner: ref.owner, repo: ref.repo, tree_sha: folder.sha, recursive: "true" });
    for (const item of data.tree) {
      if (item.type !== "blob" || !item.path) continue;
      entries.push({ path: `${INSTRUCTIONS_DIR}/${item.path}`, size: item.size ?? 0, kind: item.mode === SYMLINK_MODE ? "symlink" : "file" });
    }
  }
  const plan = planInstructionReads(entries);
  const skipped: InstructionFileSkip[] = [...plan.skipped];
  const read = await Promise.all(
    plan.read.map(async (path) => {
      const bytes = await readDefaultBranchFile(octokit, ref, path).catch((error: unknown) => {
        if (!(error instanceof ConfigReadError)) throw error;
        // Listed as a regular file, yet GitHub answers otherwise (replaced meanwhile, or over 1 MB).
        skipped.push({ path, reason: "could not be read as a regular file" });
        return null;
      });
      return bytes === null ? null : { path, bytes };
    }),
  );
  return { files: read.filter((file) => file !== null), skipped };
}
