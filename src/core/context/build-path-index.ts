/** The repository's paths, indexed the ways import resolution looks them up. */
export interface PathIndex {
  has(path: string): boolean;
  /** Files directly inside a folder ("" for the root). */
  filesIn(dir: string): string[];
  /** Paths ending with `/suffix` or equal to it, nearest to `near` first. */
  withSuffix(suffix: string, near?: string): string[];
  /** Folders ending with `/suffix` or equal to it. */
  dirsWithSuffix(suffix: string): string[];
}

/** Indexes a snapshot's paths (`/`-separated, relative to the root). */
export function buildPathIndex(paths: readonly string[]): PathIndex {
  const all = new Set(paths);
  const byDir = new Map<string, string[]>();
  const byBase = new Map<string, string[]>();
  for (const path of paths) {
    push(byDir, dirOf(path), path);
    push(byBase, baseOf(path), path);
  }
  return {
    has: (path) => all.has(path),
    filesIn: (dir) => byDir.get(dir) ?? [],
    withSuffix(suffix, near) {
      const clean = normalizePath(suffix);
      const matches = (byBase.get(baseOf(clean)) ?? []).filter((path) => path === clean || path.endsWith(`/${clean}`));
      return near === undefined ? matches : sortByProximity(matches, near);
    },
    dirsWithSuffix: (suffix) => [...byDir.keys()].filter((dir) => dir === suffix || dir.endsWith(`/${suffix}`)),
  };
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Folder of a path ("" at the root). */
export function dirOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

/** File name of a path. */
export function baseOf(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** File name without its last extension. */
export function stemOf(path: string): string {
  const base = baseOf(path);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}

/** The last extension of a path without the dot ("" when none). */
export function extensionOf(path: string): string {
  const base = baseOf(path);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1) : "";
}

/** Joins and normalises `.`/`..` segments; undefined when the result leaves the repository. */
export function joinPath(dir: string, relative: string): string | undefined {
  const segments: string[] = dir === "" ? [] : dir.split("/");
  for (const segment of relative.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (segments.length === 0) return undefined;
      segments.pop();
    } else segments.push(segment);
  }
  return segments.join("/");
}

function normalizePath(path: string): string {
  return joinPath("", path) ?? path;
}

function countShared(left: readonly string[], right: readonly string[]): number {
  let shared = 0;
  while (shared < left.length && shared < right.length && left[shared] === right[shared] && left[shared] !== "") shared += 1;
  return shared;
}

/** Paths sorted nearest to `near` first (most shared folders, then shortest, then by name). */
export function sortByProximity(paths: readonly string[], near: string): string[] {
  return sortByKeys(paths, near, () => 0);
}

/**
 * Paths sorted by `first` (lower first), then nearest to `near` as `sortByProximity` sorts them.
 * Each path's keys are computed once, not at every comparison: a name search sorts hundreds of paths.
 */
export function sortByKeys(paths: readonly string[], near: string, first: (path: string) => number): string[] {
  const nearFolders = dirOf(near).split("/");
  return paths
    .map((path) => ({ path, first: first(path), shared: countShared(dirOf(path).split("/"), nearFolders) }))
    .sort((a, b) => a.first - b.first || b.shared - a.shared || a.path.length - b.path.length || a.path.localeCompare(b.path))
    .map((entry) => entry.path);
}
