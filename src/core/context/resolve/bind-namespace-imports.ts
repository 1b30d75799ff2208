import type { BindImports } from "./binding-env.js";
import { bind, bindWildcard, createBindings } from "./file-bindings.js";
import { resolveRequire } from "./resolve-include.js";
import { resolveQualifiedFile } from "./resolve-qualified-file.js";

/**
 * C# and PHP: namespaces do not map to files, so `using`/`use` of a namespace only marks where a
 * searched name is preferred; a PHP `use` of a class maps by PSR-4 folders, `require`/`include` loads files.
 */
export const bindNamespaceImports: BindImports = (path, outline, env) => {
  const bindings = createBindings();
  if (outline.packageName !== undefined) bindings.namespaces.push(outline.packageName);
  for (const entry of outline.imports) {
    if (outline.language === "csharp") {
      bindings.namespaces.push(entry.source);
      continue;
    }
    if (/\.(php|inc)$/.test(entry.source)) {
      bindWildcard(bindings, resolveRequire(path, entry.source, entry.relative, ".php", env.paths));
      continue;
    }
    const base = entry.source.replace(/^\\/, "").split("\\");
    const imported = entry.names.length > 0 ? entry.names.map(({ name, alias }) => ({ segments: [...base, name], local: alias ?? name })) : [{ segments: base, local: entry.alias ?? base[base.length - 1]! }];
    for (const { segments, local } of imported) {
      bindings.namespaces.push(segments.slice(0, -1).join("\\"));
      bind(bindings, local, { files: resolveQualifiedFile(segments, ".php", path, env.paths), symbol: segments[segments.length - 1]! });
    }
  }
  return bindings;
};
