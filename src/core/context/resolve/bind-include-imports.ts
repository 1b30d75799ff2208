import type { BindImports } from "./binding-env.js";
import { bindWildcard, createBindings } from "./file-bindings.js";
import { resolveInclude, resolveRequire } from "./resolve-include.js";

/** C/C++ `#include "…"` and Ruby `require`/`require_relative`: every name of the loaded files is visible. */
export const bindIncludeImports: BindImports = (path, outline, env) => {
  const bindings = createBindings();
  for (const entry of outline.imports) {
    const files = outline.language === "ruby" ? resolveRequire(path, entry.source, entry.relative, ".rb", env.paths) : resolveInclude(path, entry.source, env.paths);
    bindWildcard(bindings, files);
  }
  return bindings;
};
