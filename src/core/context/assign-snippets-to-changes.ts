import type { RelatedSnippet } from "./types.js";

/**
 * The changed file each snippet explains, so a chunked review sends it with that file: the
 * changed file its reason names, the snippet's own file when it changed, else the changed file
 * in the closest folder.
 */
export function assignSnippetsToChanges(snippets: readonly RelatedSnippet[], changedPaths: readonly string[]): string[] {
  return snippets.map((snippet) => {
    const named = changedPaths.find((path) => snippet.reason.includes(`${path}:`));
    if (named !== undefined) return named;
    if (changedPaths.includes(snippet.path)) return snippet.path;
    return closestByFolder(snippet.path, changedPaths);
  });
}

function closestByFolder(path: string, candidates: readonly string[]): string {
  let best = candidates[0] ?? path;
  let bestShared = -1;
  for (const candidate of candidates) {
    const shared = sharedFolderDepth(path, candidate);
    if (shared > bestShared) [best, bestShared] = [candidate, shared];
  }
  return best;
}

function sharedFolderDepth(a: string, b: string): number {
  const left = a.split("/").slice(0, -1);
  const right = b.split("/").slice(0, -1);
  let depth = 0;
  while (depth < left.length && left[depth] === right[depth]) depth += 1;
  return depth;
}
