import type { PathIndex } from "../build-path-index.js";
import type { FileOutline } from "../types.js";
import type { FileBindings } from "./file-bindings.js";
import type { GoModule } from "./resolve-go-package.js";

/** What import resolution knows about the repository. */
export interface BindingEnv {
  paths: PathIndex;
  goModules: GoModule[];
}

/** Resolves one file's imports into bindings. */
export type BindImports = (path: string, outline: FileOutline, env: BindingEnv) => FileBindings;
