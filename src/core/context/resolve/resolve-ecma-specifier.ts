import { dirOf, joinPath, type PathIndex } from "../build-path-index.js";

const EXTENSIONS = [".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts"];
const INDEX_FILES = ["index.ts", "index.tsx", "index.js", "index.jsx", "index.mjs"];
// NodeNext sources import `./x.js` for `./x.ts`.
const COMPILED_TO_SOURCE: Record<string, string[]> = { ".js": [".ts", ".tsx"], ".jsx": [".tsx"], ".mjs": [".mts"], ".cjs": [".cts"] };
// Common path aliases for the source root (tsconfig `paths`/`baseUrl`).
const ROOT_ALIASES = [/^@\//, /^~\//, /^src\//];

/** The repository file a JavaScript/TypeScript module specifier names, or undefined (a package, or not in the snapshot). */
export function resolveEcmaSpecifier(from: string, specifier: string, paths: PathIndex): string | undefined {
  if (specifier.startsWith(".")) {
    const base = joinPath(dirOf(from), specifier);
    return base === undefined ? undefined : resolveBase(base, paths);
  }
  for (const alias of ROOT_ALIASES) {
    if (alias.test(specifier)) return resolveBase(`src/${specifier.replace(alias, "")}`, paths);
  }
  return undefined;
}

function resolveBase(base: string, paths: PathIndex): string | undefined {
  const candidates = [base];
  for (const [compiled, sources] of Object.entries(COMPILED_TO_SOURCE)) {
    if (base.endsWith(compiled)) candidates.push(...sources.map((ext) => base.slice(0, -compiled.length) + ext));
  }
  candidates.push(...EXTENSIONS.map((ext) => base + ext), ...INDEX_FILES.map((index) => `${base}/${index}`));
  return candidates.find((candidate) => paths.has(candidate));
}
