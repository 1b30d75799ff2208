import { minimatch } from "minimatch";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { dirOf, joinPath } from "../build-path-index.js";
import { parseJsonc } from "./parse-jsonc.js";

/** A workspace package: its name and folder, and how its package.json maps subpaths to files. */
export interface EcmaPackage {
  name: string;
  dir: string;
  /** package.json `exports` as written (a string, a subpath map or a conditions object). */
  exports?: unknown;
  /** `source`, `types`/`typings`, `module`, `main`, in the order worth trying. */
  entries: string[];
}

/** A tsconfig's `paths`, relative to `base`, for the files under `scope`. */
export interface PathAliases {
  scope: string;
  base: string;
  paths: [pattern: string, targets: string[]][];
}

/** How the repository's own configuration names its modules: workspaces and tsconfig `paths`/`baseUrl`. */
export interface EcmaProject {
  packages: EcmaPackage[];
  /** Deepest scope first. */
  aliases: PathAliases[];
}

const manifestSchema = z.object({
  name: z.string().optional(),
  workspaces: z.union([z.array(z.string()), z.object({ packages: z.array(z.string()).optional() })]).optional(),
  exports: z.unknown().optional(),
  source: z.string().optional(),
  types: z.string().optional(),
  typings: z.string().optional(),
  module: z.string().optional(),
  main: z.string().optional(),
});
const pnpmSchema = z.object({ packages: z.array(z.string()).optional() });
const tsconfigSchema = z.object({
  extends: z.union([z.string(), z.array(z.string())]).optional(),
  references: z.array(z.object({ path: z.string() })).optional(),
  compilerOptions: z.object({ baseUrl: z.string().optional(), paths: z.record(z.string(), z.array(z.string())).optional() }).optional(),
});
const EXTENDS_DEPTH = 5;

/** Reads workspaces (npm, yarn, pnpm) and tsconfig `paths` from the snapshot's own files. */
export function readEcmaProject(paths: readonly string[], readText: (path: string) => string | undefined): EcmaProject {
  const root = manifestSchema.safeParse(parseJsonc(readText("package.json") ?? "")).data;
  const globs = Array.isArray(root?.workspaces) ? root.workspaces : (root?.workspaces?.packages ?? []);
  const pnpm = pnpmSchema.safeParse(safeYaml(readText("pnpm-workspace.yaml"))).data;
  const patterns = [...globs, ...(pnpm?.packages ?? [])].map((glob) => glob.replace(/^\.\//, "").replace(/\/$/, ""));
  const packages: EcmaPackage[] = [];
  for (const path of paths) {
    if (!path.endsWith("package.json") || (path !== "package.json" && !path.endsWith("/package.json")) || path.includes("node_modules/")) continue;
    const dir = dirOf(path);
    if (dir !== "" && !patterns.some((pattern) => !pattern.startsWith("!") && minimatch(dir, pattern))) continue;
    const manifest = manifestSchema.safeParse(parseJsonc(readText(path) ?? "")).data;
    if (manifest?.name === undefined) continue;
    const entries = [manifest.source, manifest.types, manifest.typings, manifest.module, manifest.main].filter((entry): entry is string => entry !== undefined);
    packages.push({ name: manifest.name, dir, ...(manifest.exports === undefined ? {} : { exports: manifest.exports }), entries });
  }
  const aliases = findTsconfigs(paths, readText)
    .flatMap((path) => {
      const found = readAliases(path, readText, 0);
      return found ? [{ scope: dirOf(path), ...found }] : [];
    })
    .sort((a, b) => b.scope.length - a.scope.length);
  return { packages, aliases };
}

// Every tsconfig.json, and the configs their project `references` name (a solution-style root
// that points at tsconfig.app.json, say, whose `paths` govern the files beside it).
function findTsconfigs(paths: readonly string[], readText: (path: string) => string | undefined): string[] {
  const present = new Set(paths);
  const found = paths.filter((path) => path === "tsconfig.json" || path.endsWith("/tsconfig.json"));
  for (const path of [...found]) {
    const references = tsconfigSchema.safeParse(parseJsonc(readText(path) ?? "")).data?.references ?? [];
    for (const { path: target } of references) {
      const named = joinPath(dirOf(path), target);
      const file = named === undefined ? undefined : named.endsWith(".json") ? named : joinPath(named, "tsconfig.json");
      if (file !== undefined && present.has(file) && !found.includes(file)) found.push(file);
    }
  }
  return found;
}

// `paths` are relative to `baseUrl`, else to the tsconfig that declares them; `extends` passes both on.
function readAliases(path: string, readText: (path: string) => string | undefined, depth: number): Omit<PathAliases, "scope"> | undefined {
  const config = tsconfigSchema.safeParse(parseJsonc(readText(path) ?? "")).data;
  if (!config) return undefined;
  const options = config.compilerOptions;
  const base = options?.baseUrl === undefined ? undefined : joinPath(dirOf(path), options.baseUrl);
  if (options?.paths) return { base: base ?? dirOf(path), paths: Object.entries(options.paths) };
  const parents = typeof config.extends === "string" ? [config.extends] : (config.extends ?? []);
  for (const parent of parents.filter((name) => name.startsWith(".")).reverse()) {
    if (depth >= EXTENDS_DEPTH) break;
    const file = joinPath(dirOf(path), parent.endsWith(".json") ? parent : `${parent}.json`);
    const inherited = file === undefined ? undefined : readAliases(file, readText, depth + 1);
    if (inherited) return { ...inherited, ...(base === undefined ? {} : { base }) };
  }
  return base === undefined ? undefined : { base, paths: [["*", ["*"]]] };
}

function safeYaml(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return parseYaml(text);
  } catch {
    return undefined;
  }
}
