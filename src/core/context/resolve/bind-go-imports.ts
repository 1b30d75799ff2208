import { dirOf } from "../build-path-index.js";
import type { BindImports } from "./binding-env.js";
import { bind, bindWildcard, createBindings } from "./file-bindings.js";
import { goFilesIn, goPackageName, resolveGoPackage } from "./resolve-go-package.js";

/** Go: imported packages by name (or alias, `.` for a dot import) through go.mod; the folder's files are the package scope. */
export const bindGoImports: BindImports = (path, outline, env) => {
  const bindings = createBindings();
  for (const entry of outline.imports) {
    const files = env.shared(`go import ${entry.source}`, () => resolveGoPackage(entry.source, env.goModules, env.paths));
    if (entry.alias === ".") bindWildcard(bindings, files);
    else if (entry.alias !== "_") bind(bindings, entry.alias ?? goPackageName(entry.source), { files });
  }
  const dir = dirOf(path);
  const siblings = env.shared(`go package ${dir}`, () => goFilesIn(dir, env.paths));
  bindings.scope = path.endsWith("_test.go") ? env.shared(`go tests ${dir}`, () => [...siblings, ...env.paths.filesIn(dir).filter((file) => file.endsWith("_test.go"))]) : siblings;
  return bindings;
};
