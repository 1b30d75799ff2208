import { createRepoSnapshot, type RepoSnapshot, type SnapshotStats } from "../core/context/repo-snapshot.js";
import { decodeText, isExcludedPath, type SnapshotLimits } from "./snapshot-limits.js";

/** Collects one snapshot's files in memory, applying the per-file rules and counting what they left out. */
export interface SnapshotBuilder {
  /** Whether a file is worth reading, judged by its path and size alone (counts the refusals). */
  admit(path: string, size: number): boolean;
  /** Whether `size` more bytes stay within the total cap. */
  fits(size: number): boolean;
  /** Keeps the file's text unless it is binary. */
  add(path: string, bytes: Uint8Array): void;
  /** Counts a file left out by a reader-specific rule (symlinks, submodules). */
  exclude(): void;
  markTruncated(): void;
  build(fallbackReason?: string): RepoSnapshot;
}

/**
 * A builder for one read; every reader uses it, so the caps mean the same everywhere. With
 * `needed`, a path it refuses is never read nor held (and does not count against the total cap).
 */
export function createSnapshotBuilder(source: SnapshotStats["source"], limits: SnapshotLimits, needed?: (path: string) => boolean): SnapshotBuilder {
  const files = new Map<string, string>();
  const stats: SnapshotStats = { source, files: 0, bytes: 0, skippedBinary: 0, skippedTooLarge: 0, skippedExcluded: 0, skippedUnneeded: 0, truncated: false };
  return {
    admit(path, size) {
      if (isExcludedPath(path)) stats.skippedExcluded += 1;
      else if (needed && !needed(path)) stats.skippedUnneeded += 1;
      else if (size > limits.maxFileBytes) stats.skippedTooLarge += 1;
      else return true;
      return false;
    },
    fits: (size) => stats.bytes + size <= limits.maxTotalBytes,
    add(path, bytes) {
      const text = decodeText(bytes);
      if (text === undefined) {
        stats.skippedBinary += 1;
        return;
      }
      files.set(path, text);
      stats.files += 1;
      stats.bytes += bytes.byteLength;
    },
    exclude() {
      stats.skippedExcluded += 1;
    },
    markTruncated() {
      stats.truncated = true;
    },
    build: (fallbackReason) => createRepoSnapshot(files, fallbackReason === undefined ? { ...stats } : { ...stats, fallbackReason }),
  };
}
