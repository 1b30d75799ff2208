// The repository as the review sees it: text files held in memory (never on disk), read by a
// `RepoReader` in the shell (GitHub tarball, git trees + blobs, or the local working tree) and
// handed to the pure core as data.

/** How a snapshot was read and what its caps left out (counts only, never content). */
export interface SnapshotStats {
  source: "tarball" | "git-tree" | "working-tree" | "git-objects";
  files: number;
  /** UTF-8 bytes of the text held. */
  bytes: number;
  skippedBinary: number;
  skippedTooLarge: number;
  /** Files under vendored/generated directories, lock files and symlinks. */
  skippedExcluded: number;
  /** Text files related-code selection never reads (the reader's `rank` leaves them out): never held. */
  skippedUnneeded: number;
  /** True when a total cap (bytes or blob reads) left readable files out. */
  truncated: boolean;
  /** Why the GitHub reader fell back from the tarball to reading selected blobs. */
  fallbackReason?: string;
}

/** Text files of one repository revision, within the reader's size caps. */
export interface RepoSnapshot {
  /** Paths (relative to the repository root, `/`-separated) whose text this snapshot holds, sorted. */
  listPaths(): string[];
  /** The file's UTF-8 text, or undefined when the snapshot does not hold it (binary, over a cap, not read). */
  readText(path: string): string | undefined;
  readonly stats?: SnapshotStats;
}

/** A snapshot over a map of path → text (what every reader builds; tests use it directly). */
export function createRepoSnapshot(files: ReadonlyMap<string, string>, stats?: SnapshotStats): RepoSnapshot {
  const paths = [...files.keys()].sort();
  return {
    listPaths: () => [...paths],
    readText: (path) => files.get(path),
    ...(stats ? { stats } : {}),
  };
}
