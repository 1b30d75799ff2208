import type { BindImports } from "./binding-env.js";
import { bind, bindWildcard, createBindings } from "./file-bindings.js";
import { resolveEcmaSpecifier } from "./resolve-ecma-specifier.js";

/** JavaScript/TypeScript: named, default and namespace imports, `require`, and `export … from` re-exports. */
export const bindEcmaImports: BindImports = (path, outline, env) => {
  const bindings = createBindings();
  for (const entry of outline.imports) {
    const file = entry.source === "" ? path : resolveEcmaSpecifier(path, entry.source, env.paths, env.ecma);
    if (file === undefined) continue;
    bindings.importedFiles.add(file);
    if (entry.alias !== undefined) bind(bindings, entry.alias, { files: [file] });
    if (entry.wildcard) bindWildcard(bindings, [file]);
    for (const { name, alias } of entry.names) {
      // A default import is found by its local name (most modules name the default export the same),
      // and as "default" (`export default function other()`, `export default {…}`).
      const symbol = name === "default" ? (alias ?? name) : name;
      bind(bindings, alias ?? name, { files: [file], symbol });
      if (symbol !== name) bind(bindings, alias ?? name, { files: [file], symbol: name });
    }
  }
  return bindings;
};
