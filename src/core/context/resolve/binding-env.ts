import type { PathIndex } from "../build-path-index.js";
import type { FileOutline } from "../types.js";
import type { FileBindings } from "./file-bindings.js";
import type { EcmaProject } from "./read-ecma-project.js";
import type { GoModule } from "./resolve-go-package.js";

/** What import resolution knows about the repository. */
export interface BindingEnv {
  paths: PathIndex;
  goModules: GoModule[];
  /** Workspaces and tsconfig `paths` (JavaScript/TypeScript). */
  ecma: EcmaProject;
  /**
   * The list `compute` returns, computed once per `key` for the selection: the files of one package
   * are every one of its files' scope, and one list each would hold a thousand-file package a thousand times.
   * Callers never change a shared list.
   */
  shared(key: string, compute: () => string[]): readonly string[];
}

/** Resolves one file's imports into bindings. */
export type BindImports = (path: string, outline: FileOutline, env: BindingEnv) => FileBindings;

/** The environment of one selection, with its own memo of shared lists. */
export function createBindingEnv(paths: PathIndex, goModules: GoModule[], ecma: EcmaProject = { packages: [], aliases: [] }): BindingEnv {
  const lists = new Map<string, readonly string[]>();
  return {
    paths,
    goModules,
    ecma,
    shared(key, compute) {
      let list = lists.get(key);
      if (!list) {
        list = compute();
        lists.set(key, list);
      }
      return list;
    },
  };
}
