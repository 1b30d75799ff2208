import { dirOf, joinPath, type PathIndex } from "../build-path-index.js";
import type { EcmaPackage, EcmaProject } from "./read-ecma-project.js";

const EXTENSIONS = [".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts"];
const INDEX_FILES = ["index.ts", "index.tsx", "index.js", "index.jsx", "index.mjs", "index.cjs"];
// NodeNext sources import `./x.js` for `./x.ts`.
const COMPILED_TO_SOURCE: Record<string, string[]> = { ".js": [".ts", ".tsx"], ".jsx": [".tsx"], ".mjs": [".mts", ".ts"], ".cjs": [".cts", ".ts"] };
// Common path aliases for the source root, when no tsconfig says otherwise.
const ROOT_ALIASES = [/^@\//, /^~\//, /^src\//];
// A package's build output, whose sources sit in `src/` under the same names.
const BUILD_DIR = /^(?:\.\/)?(?:dist|build|lib|out|esm|cjs)\//;
const NO_PROJECT: EcmaProject = { packages: [], aliases: [] };

/**
 * The repository file a JavaScript/TypeScript module specifier names, or undefined (a package
 * from outside, or not in the snapshot): relative paths, the nearest tsconfig's `paths`, the
 * workspace packages (their `exports`, `source`/`types`/`main`, else `src/index`), then the
 * common root aliases.
 */
export function resolveEcmaSpecifier(from: string, specifier: string, paths: PathIndex, project: EcmaProject = NO_PROJECT): string | undefined {
  if (specifier.startsWith(".")) {
    const base = joinPath(dirOf(from), specifier);
    return base === undefined ? undefined : resolveBase(base, paths);
  }
  // The nearest tsconfig governs the file; configs of the same folder (a root and the projects it
  // references) are tried in turn.
  const inScope = project.aliases.filter((alias) => alias.scope === "" || from.startsWith(`${alias.scope}/`));
  for (const aliases of inScope.filter((alias) => alias.scope === inScope[0]?.scope)) {
    for (const [pattern, targets] of aliases.paths) {
      const star = matchPattern(pattern, specifier);
      if (star === undefined) continue;
      for (const target of targets) {
        const base = joinPath(aliases.base, target.replace("*", star));
        const file = base === undefined ? undefined : resolveBase(base, paths);
        if (file !== undefined) return file;
      }
    }
  }
  const owner = project.packages.find((pkg) => specifier === pkg.name || specifier.startsWith(`${pkg.name}/`));
  if (owner) return resolvePackage(owner, `.${specifier.slice(owner.name.length)}`, paths);
  for (const alias of ROOT_ALIASES) {
    if (alias.test(specifier)) return resolveBase(`src/${specifier.replace(alias, "")}`, paths);
  }
  return undefined;
}

/** What `*` stands for when `specifier` matches a `paths`/`exports` pattern; "" for an exact match. */
function matchPattern(pattern: string, specifier: string): string | undefined {
  const star = pattern.indexOf("*");
  if (star === -1) return pattern === specifier ? "" : undefined;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  return specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix) ? specifier.slice(prefix.length, specifier.length - suffix.length) : undefined;
}

function resolvePackage(pkg: EcmaPackage, subpath: string, paths: PathIndex): string | undefined {
  const targets = exportTargets(pkg.exports, subpath);
  if (subpath === ".") targets.push(...pkg.entries, "./src/index", "./index");
  else targets.push(subpath, `./src/${subpath.slice(2)}`);
  for (const target of targets) {
    // The build's output is not in the repository: its source is, under `src/` with the same stem.
    const declared = target.replace(/\.d\.([mc]?ts)$/, ".$1");
    for (const candidate of [declared, declared.replace(BUILD_DIR, "./src/")]) {
      const base = joinPath(pkg.dir, candidate);
      const file = base === undefined ? undefined : resolveBase(base, paths);
      if (file !== undefined) return file;
    }
  }
  return undefined;
}

/** Every file an `exports` entry names for a subpath, under any condition, in the order written. */
function exportTargets(exports: unknown, subpath: string): string[] {
  if (exports === undefined || exports === null) return [];
  const isSubpathMap = typeof exports === "object" && !Array.isArray(exports) && Object.keys(exports).some((key) => key.startsWith("."));
  if (!isSubpathMap) return subpath === "." ? leaves(exports, "") : [];
  for (const [key, value] of Object.entries(exports as Record<string, unknown>)) {
    const star = matchPattern(key, subpath);
    if (star !== undefined) return leaves(value, star);
  }
  return [];
}

function leaves(value: unknown, star: string): string[] {
  if (typeof value === "string") return [value.replace("*", star)];
  if (Array.isArray(value)) return value.flatMap((item) => leaves(item, star));
  if (value !== null && typeof value === "object") return Object.values(value).flatMap((item) => leaves(item, star));
  return [];
}

function resolveBase(base: string, paths: PathIndex): string | undefined {
  const candidates = [base];
  for (const [compiled, sources] of Object.entries(COMPILED_TO_SOURCE)) {
    if (base.endsWith(compiled)) candidates.push(...sources.map((ext) => base.slice(0, -compiled.length) + ext));
  }
  candidates.push(...EXTENSIONS.map((ext) => base + ext), ...INDEX_FILES.map((index) => `${base}/${index}`));
  return candidates.find((candidate) => paths.has(candidate));
}
