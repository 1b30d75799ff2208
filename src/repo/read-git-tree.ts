import type { RepoSnapshot } from "../core/context/repo-snapshot.js";
import type { GitHubClient } from "../github/github-client.js";
import { runWithConcurrency } from "../pipeline/run-with-concurrency.js";
import { createSnapshotBuilder } from "./create-snapshot-builder.js";
import type { RepoCoordinates } from "./read-github-tarball.js";
import { takeWithinTotal } from "./take-within-total.js";
import type { SnapshotLimits } from "./snapshot-limits.js";

// Few parallel blob reads: GitHub asks integrators not to burst (secondary rate limits).
const BLOB_CONCURRENCY = 4;
const SYMLINK_MODE = "120000";

export interface GitTreeOptions {
  /** Which paths to read, lowest rank first; unranked paths are not read. */
  rank: (path: string) => number | undefined;
  limits: SnapshotLimits;
  fallbackReason: string;
  signal?: AbortSignal;
}

/**
 * The selective reader: one `git/trees/{sha}?recursive=1` call, then one blob read per ranked
 * path, best first, up to `limits.maxBlobReads` and `limits.maxTotalBytes`.
 */
export async function readGitTree(octokit: GitHubClient, coordinates: RepoCoordinates, ref: string, options: GitTreeOptions): Promise<RepoSnapshot> {
  const { limits, signal } = options;
  const request = signal ? { signal } : {};
  const { data } = await octokit.rest.git.getTree({ ...coordinates, tree_sha: ref, recursive: "1", request });
  const builder = createSnapshotBuilder("git-tree", limits, (path) => options.rank(path) !== undefined);
  // A truncated listing (over 100,000 entries) misses paths; what it lists is still read.
  if (data.truncated) builder.markTruncated();

  const candidates: Array<{ path: string; sha: string; size: number; rank: number }> = [];
  for (const entry of data.tree) {
    if (entry.type !== "blob" || !entry.path || !entry.sha) continue;
    if (entry.mode === SYMLINK_MODE) builder.exclude();
    else if (builder.admit(entry.path, entry.size ?? 0)) candidates.push({ path: entry.path, sha: entry.sha, size: entry.size ?? 0, rank: options.rank(entry.path)! });
  }
  candidates.sort((a, b) => a.rank - b.rank || a.path.localeCompare(b.path));

  const { selected, truncated } = takeWithinTotal(candidates, limits.maxTotalBytes, limits.maxBlobReads);
  if (truncated) builder.markTruncated();
  const blobs = await runWithConcurrency(
    selected,
    BLOB_CONCURRENCY,
    async (candidate) => (await octokit.rest.git.getBlob({ ...coordinates, file_sha: candidate.sha, request })).data,
    signal,
  );
  blobs.forEach((blob, index) => builder.add(selected[index]!.path, Buffer.from(blob.content, blob.encoding === "base64" ? "base64" : "utf8")));
  return builder.build(options.fallbackReason);
}
