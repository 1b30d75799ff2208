import { dirOf, joinPath, type PathIndex } from "../build-path-index.js";

/**
 * Files of a Python module: `pkg.mod` (searched by path suffix, nearest first, so `src/` layouts
 * work) or a relative `..pkg.mod` from the importing file's package.
 */
export function resolvePythonModule(from: string, module: string, paths: PathIndex): string[] {
  const dots = /^\.*/.exec(module)![0].length;
  const rest = module.slice(dots).split(".").filter((part) => part !== "").join("/");
  if (dots > 0) {
    let dir: string | undefined = dirOf(from);
    for (let level = 1; level < dots && dir !== undefined; level += 1) dir = joinPath(dir, "..");
    if (dir === undefined) return [];
    const base = rest === "" ? dir : dir === "" ? rest : `${dir}/${rest}`;
    const candidates = rest === "" ? [`${base === "" ? "" : `${base}/`}__init__.py`] : [`${base}.py`, `${base}.pyi`, `${base}/__init__.py`];
    return candidates.filter((candidate) => paths.has(candidate)).slice(0, 1);
  }
  if (rest === "") return [];
  const found = [...paths.withSuffix(`${rest}.py`, from), ...paths.withSuffix(`${rest}/__init__.py`, from)];
  return found.slice(0, 1);
}
