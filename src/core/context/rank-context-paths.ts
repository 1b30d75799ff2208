import { dirOf, extensionOf } from "./build-path-index.js";
import { detectLanguage } from "./detect-language.js";
import type { FilePatch } from "../types.js";

/**
 * How much related-code selection needs each path, lowest first: the changed files and the
 * go.mod files (Go imports resolve through them), then code files (and files of a changed file's
 * type, which the selection searches by name) by how many folders they share with the nearest
 * changed file, then other text files of a changed file's folder. Undefined for the rest, which
 * the selection never reads: readers leave them out (a repository's docs and data are not held).
 */
export function rankContextPaths(patches: readonly FilePatch[]): (path: string) => number | undefined {
  const changed = new Set(patches.map((patch) => patch.path));
  const folders = new Set(patches.map((patch) => dirOf(patch.path)));
  const changedTypes = new Set(patches.map((patch) => extensionOf(patch.path)).filter((ext) => ext !== ""));
  const depth = Math.max(1, ...patches.map((patch) => patch.path.split("/").length));
  // Every folder a changed file is in, at every depth: a path's deepest one among them is how
  // many folders it shares with its nearest changed file (a tarball asks this of every entry).
  const changedFolders = new Set(patches.flatMap((patch) => folderPrefixes(dirOf(patch.path))));
  const shared = (path: string) => {
    const prefixes = folderPrefixes(dirOf(path));
    for (let count = prefixes.length; count > 0; count--) if (changedFolders.has(prefixes[count - 1]!)) return count;
    return 0;
  };
  return (path) => {
    if (changed.has(path) || path === "go.mod" || path.endsWith("/go.mod")) return 0;
    if (detectLanguage(path) !== undefined || changedTypes.has(extensionOf(path))) return 1 + depth - shared(path);
    return folders.has(dirOf(path)) ? 2 + depth : undefined;
  };
}

// "a/b/c" -> ["a", "a/b", "a/b/c"]; "" -> [].
function folderPrefixes(dir: string): string[] {
  if (dir === "") return [];
  const segments = dir.split("/");
  return segments.map((_, index) => segments.slice(0, index + 1).join("/"));
}
