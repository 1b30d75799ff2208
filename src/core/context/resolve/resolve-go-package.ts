import { joinPath, type PathIndex } from "../build-path-index.js";

/** A Go module declared by a go.mod file. */
export interface GoModule {
  dir: string;
  path: string;
}

/** The modules declared by the snapshot's go.mod files (their `module` line). */
export function readGoModules(goModFiles: { path: string; text: string }[]): GoModule[] {
  const modules: GoModule[] = [];
  for (const { path, text } of goModFiles) {
    const line = text.split("\n").find((candidate) => candidate.trim().startsWith("module "));
    const modulePath = line?.trim().slice("module ".length).trim().replace(/^"|"$/g, "");
    if (modulePath) modules.push({ dir: path.slice(0, Math.max(0, path.lastIndexOf("/"))), path: modulePath });
  }
  return modules;
}

/** The non-test .go files of the package an import path names, when the package is in the repository. */
export function resolveGoPackage(importPath: string, modules: GoModule[], paths: PathIndex): string[] {
  for (const module of modules) {
    if (importPath !== module.path && !importPath.startsWith(`${module.path}/`)) continue;
    const dir = joinPath(module.dir, importPath.slice(module.path.length + 1));
    if (dir === undefined) continue;
    const files = goFilesIn(dir, paths);
    if (files.length > 0) return files;
  }
  return [];
}

/** The non-test .go files directly in a folder. */
export function goFilesIn(dir: string, paths: PathIndex): string[] {
  return paths.filesIn(dir).filter((path) => path.endsWith(".go") && !path.endsWith("_test.go"));
}

/** The name a package is used by: its last path element, skipping a major-version suffix. */
export function goPackageName(importPath: string): string {
  const parts = importPath.split("/");
  const last = parts[parts.length - 1] ?? importPath;
  return /^v\d+$/.test(last) && parts.length > 1 ? parts[parts.length - 2]! : last;
}
