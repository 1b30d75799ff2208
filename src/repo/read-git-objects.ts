import { runGit } from "../cli/run-git.js";
import type { RepoReader } from "../pipeline/ports.js";
import { catGitBlobs } from "./cat-git-blobs.js";
import { createSnapshotBuilder } from "./create-snapshot-builder.js";
import { takeWithinTotal } from "./take-within-total.js";
import { DEFAULT_SNAPSHOT_LIMITS, type SnapshotLimits } from "./snapshot-limits.js";

const SYMLINK_MODE = "120000";
// `git ls-tree -l`: "<mode> <type> <object> <size, space-padded>\t<path>".
const ENTRY = /^(\d+) (\w+) ([0-9a-f]+) +(\d+|-)\t(.*)$/s;

/**
 * The CLI's reader for a commit other than the working tree (`--head`): the tree of `ref` from
 * the local object database (`git ls-tree`, then one `git cat-file --batch` process for the
 * blobs), in memory only, with the same caps and ranking as the other readers. Symlinks and
 * submodules are never followed.
 */
export function createGitObjectReader(root: string, limits: SnapshotLimits = DEFAULT_SNAPSHOT_LIMITS): RepoReader {
  return {
    async readSnapshot({ ref, rank, signal }) {
      const builder = createSnapshotBuilder("git-objects", limits, rank && ((path) => rank(path) !== undefined));
      // --end-of-options: a ref is the user's text and must never be read as an option.
      const commit = (await runGit(["rev-parse", "--verify", "--end-of-options", `${ref}^{commit}`], root)).trim();
      const listing = await runGit(["ls-tree", "-r", "-z", "-l", commit], root);
      const order = (path: string) => rank?.(path) ?? Number.POSITIVE_INFINITY;

      const candidates: Array<{ path: string; object: string; size: number }> = [];
      for (const line of listing.split("\0")) {
        const [, mode, type, object, size, path] = ENTRY.exec(line) ?? [];
        if (!mode || !object || !path) continue;
        if (type !== "blob" || mode === SYMLINK_MODE) builder.exclude();
        else if (builder.admit(path, Number(size))) candidates.push({ path, object, size: Number(size) });
      }
      candidates.sort((a, b) => order(a.path) - order(b.path) || a.path.localeCompare(b.path));

      const { selected, truncated } = takeWithinTotal(candidates, limits.maxTotalBytes);
      if (truncated) builder.markTruncated();
      await catGitBlobs(
        root,
        selected.map((candidate) => candidate.object),
        (index, bytes) => builder.add(selected[index]!.path, bytes),
        signal,
      );
      return builder.build();
    },
  };
}
