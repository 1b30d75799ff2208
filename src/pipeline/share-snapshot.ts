import { createRepoSnapshot, type RepoSnapshot } from "../core/context/repo-snapshot.js";
import type { ReadSnapshotOptions, RepoReader } from "./ports.js";

/** A reader that reads the repository once, and can let go of what is no longer needed. */
export interface SharedSnapshotReader extends RepoReader {
  /** Keeps only the text of `paths` from the snapshot read so far, so the rest can be freed while the model works. */
  narrow(paths: Iterable<string>): void;
}

/**
 * A reader that reads the repository once per review: the first call reads, every later call
 * gets the same snapshot (or the same failure), so related code and the suggestion checks share
 * one tarball download. One per review; it holds that review's snapshot.
 */
export function shareSnapshot(reader: RepoReader): SharedSnapshotReader {
  let pending: Promise<RepoSnapshot> | undefined;
  return {
    readSnapshot(options: ReadSnapshotOptions) {
      pending ??= reader.readSnapshot(options);
      return pending;
    },
    narrow(paths) {
      if (!pending) return;
      const keep = [...paths];
      pending = pending.then((snapshot) => {
        const texts = keep.flatMap((path) => {
          const text = snapshot.readText(path);
          return text === undefined ? [] : [[path, text] as const];
        });
        return createRepoSnapshot(new Map(texts), snapshot.stats);
      });
      // A failed read was reported where it happened; nobody may wait for this one.
      pending.catch(() => undefined);
    },
  };
}
