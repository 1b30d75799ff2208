import { dirOf } from "../build-path-index.js";
import type { BindImports } from "./binding-env.js";
import { bind, bindWildcard, createBindings } from "./file-bindings.js";
import { resolveQualifiedFile } from "./resolve-qualified-file.js";

/** Java: single-type, static and on-demand imports by package folders; the package's folders are the scope. */
export const bindJavaImports: BindImports = (path, outline, env) => {
  const bindings = createBindings();
  for (const entry of outline.imports) {
    const segments = entry.source.replace(/^static\s+/, "").split(".");
    if (entry.wildcard) {
      const dirs = env.paths.dirsWithSuffix(segments.join("/"));
      bindWildcard(bindings, dirs.flatMap((dir) => env.paths.filesIn(dir).filter((file) => file.endsWith(".java"))));
      continue;
    }
    const name = segments[segments.length - 1]!;
    const asType = resolveQualifiedFile(segments, ".java", path, env.paths).filter((file) => file.endsWith(`/${name}.java`) || file === `${name}.java`);
    // A static import names a member of the class one level up.
    const files = asType.length > 0 ? asType : resolveQualifiedFile(segments.slice(0, -1), ".java", path, env.paths);
    bind(bindings, name, { files, symbol: name });
  }
  // A package spans source roots (src/main/java, src/test/java): every folder of the package path.
  const packageDirs = outline.packageName === undefined ? [dirOf(path)] : env.paths.dirsWithSuffix(outline.packageName.split(".").join("/"));
  bindings.scope = env.shared(`java package ${packageDirs.join("\0")}`, () => packageDirs.flatMap((dir) => env.paths.filesIn(dir).filter((file) => file.endsWith(".java"))));
  return bindings;
};
