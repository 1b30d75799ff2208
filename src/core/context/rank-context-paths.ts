import { dirOf, sharedFolders } from "./build-path-index.js";
import { detectLanguage } from "./detect-language.js";
import type { FilePatch } from "../types.js";

/**
 * How much related-code selection needs each path, lowest first, for a `RepoReader` that must
 * read selectively: the changed files, then code files by how many folders they share with the
 * nearest changed file, then other text files of a changed file's folder; undefined for the rest.
 */
export function rankContextPaths(patches: readonly FilePatch[]): (path: string) => number | undefined {
  const changed = new Set(patches.map((patch) => patch.path));
  const folders = new Set(patches.map((patch) => dirOf(patch.path)));
  const depth = Math.max(1, ...patches.map((patch) => patch.path.split("/").length));
  return (path) => {
    if (changed.has(path)) return 0;
    if (detectLanguage(path) !== undefined) return 1 + depth - Math.max(...patches.map((patch) => sharedFolders(path, patch.path)), 0);
    return folders.has(dirOf(path)) ? 2 + depth : undefined;
  };
}
