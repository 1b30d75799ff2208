import type { BindImports } from "./binding-env.js";
import { bind, bindWildcard, createBindings } from "./file-bindings.js";
import { resolvePythonModule } from "./resolve-python-module.js";

/** Python: `import a.b [as m]`, `from m import x [as y]` (x may be a submodule), `from m import *`. */
export const bindPythonImports: BindImports = (path, outline, env) => {
  const bindings = createBindings();
  for (const entry of outline.imports) {
    const files = resolvePythonModule(path, entry.source, env.paths);
    if (entry.names.length === 0 && !entry.wildcard) {
      bind(bindings, entry.alias ?? entry.source, { files });
      continue;
    }
    if (entry.wildcard) bindWildcard(bindings, files);
    for (const { name, alias } of entry.names) {
      bind(bindings, alias ?? name, { files, symbol: name });
      const submodule = resolvePythonModule(path, `${entry.source}${entry.source.endsWith(".") ? "" : "."}${name}`, env.paths);
      bind(bindings, alias ?? name, { files: submodule });
    }
  }
  return bindings;
};
