import { lstat, readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { GitError, runGit } from "../cli/run-git.js";
import type { RepoReader } from "../pipeline/ports.js";
import { runWithConcurrency } from "../pipeline/run-with-concurrency.js";
import { createSnapshotBuilder } from "./create-snapshot-builder.js";
import { DEFAULT_SNAPSHOT_LIMITS, isExcludedPath, type SnapshotLimits } from "./snapshot-limits.js";

const READ_CONCURRENCY = 16;

/**
 * The CLI's and the Action's reader: the files on disk under `root` (tracked and untracked but
 * not ignored, via `git ls-files`, or every file outside a git repository), with the same caps
 * as the GitHub reader. Ranked paths are read first, so the total cap drops the least needed;
 * paths `rank` leaves out are not read at all.
 * Symlinks are never followed: one could point outside the repository (e.g. at a credentials file).
 */
export function createWorkingTreeReader(root: string, limits: SnapshotLimits = DEFAULT_SNAPSHOT_LIMITS): RepoReader {
  return {
    async readSnapshot({ rank, signal }) {
      const builder = createSnapshotBuilder("working-tree", limits, rank && ((path) => rank(path) !== undefined));
      const order = (path: string) => rank?.(path) ?? Number.POSITIVE_INFINITY;
      const paths = (await listPaths(root)).sort((a, b) => order(a) - order(b) || a.localeCompare(b));
      const sizes = await runWithConcurrency(paths, READ_CONCURRENCY, (path) => lstat(join(root, path)).catch(() => undefined), signal);
      const selected: string[] = [];
      let bytes = 0;
      for (const [index, path] of paths.entries()) {
        const stats = sizes[index];
        // Gone from disk but still tracked, a symlink, or a submodule directory.
        if (!stats?.isFile()) {
          if (stats) builder.exclude();
          continue;
        }
        if (!builder.admit(path, stats.size)) continue;
        if (bytes + stats.size > limits.maxTotalBytes) {
          builder.markTruncated();
          break;
        }
        selected.push(path);
        bytes += stats.size;
      }
      const contents = await runWithConcurrency(selected, READ_CONCURRENCY, (path) => readFile(join(root, path), signal ? { signal } : {}), signal);
      contents.forEach((content, index) => builder.add(selected[index]!, content));
      return builder.build();
    },
  };
}

async function listPaths(root: string): Promise<string[]> {
  try {
    const listed = await runGit(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], root);
    return [...new Set(listed.split("\0").filter((path) => path !== ""))];
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    return walk(root, root);
  }
}

// Outside a git repository: every file, pruning excluded directories instead of descending into them.
async function walk(root: string, dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const path = relative(root, join(dir, entry.name)).split(sep).join("/");
      if (entry.isDirectory()) return isExcludedPath(`${path}/`) ? [] : walk(root, join(dir, entry.name));
      return [path];
    }),
  );
  return nested.flat();
}
