import type { PathIndex } from "../build-path-index.js";
import type { BindImports } from "./binding-env.js";
import { bind, bindWildcard, createBindings } from "./file-bindings.js";
import { absoluteRustSegments, locateRustModule, rustChildModuleFile, rustModuleFile, type RustModule } from "./resolve-rust-path.js";

/** Rust: `mod x;` child modules and `use` paths inside the crate (`crate::`, `super::`, `self::`, child modules). */
export const bindRustImports: BindImports = (path, outline, env) => {
  const bindings = createBindings();
  const here = locateRustModule(path, env.paths);
  for (const entry of outline.imports) {
    if (entry.declaresModule) {
      const file = rustChildModuleFile(path, entry.source, env.paths);
      if (file) bind(bindings, entry.source, { files: [file] });
      continue;
    }
    if (!here) continue;
    if (entry.wildcard) {
      const segments = absoluteRustSegments(entry.source, here, env.paths);
      const file = segments && rustModuleFile(here.crateDir, segments, env.paths);
      if (file) bindWildcard(bindings, [file]);
      continue;
    }
    const items = entry.names.length > 0 ? entry.names.map(({ name, alias }) => ({ prefix: entry.source, name, local: alias ?? name })) : [splitLast(entry.source, entry.alias)];
    for (const item of items) bindRustItem(bindings, here, item, env.paths);
  }
  if (here) bindings.resolvePath = (qualifier) => resolveRustModulePath(qualifier, here, env.paths);
  return bindings;
};

function splitLast(source: string, alias: string | undefined): { prefix: string; name: string; local: string } {
  const cut = source.lastIndexOf("::");
  const name = cut === -1 ? source : source.slice(cut + 2);
  return { prefix: cut === -1 ? "" : source.slice(0, cut), name, local: alias ?? name };
}

function bindRustItem(bindings: ReturnType<typeof createBindings>, here: RustModule, item: { prefix: string; name: string; local: string }, paths: PathIndex): void {
  const segments = absoluteRustSegments(item.prefix === "" ? item.name : `${item.prefix}::${item.name}`, here, paths);
  if (!segments) return;
  const asModule = rustModuleFile(here.crateDir, segments, paths);
  if (asModule) {
    bind(bindings, item.local, { files: [asModule] });
    return;
  }
  const owner = rustModuleFile(here.crateDir, segments.slice(0, -1), paths);
  if (owner) bind(bindings, item.local, { files: [owner], symbol: item.name });
}

function resolveRustModulePath(qualifier: string, here: RustModule, paths: PathIndex): string[] {
  const segments = absoluteRustSegments(qualifier, here, paths);
  if (!segments) return [];
  // `Type::method` names an item of the module above it.
  const file = rustModuleFile(here.crateDir, segments, paths) ?? rustModuleFile(here.crateDir, segments.slice(0, -1), paths);
  return file ? [file] : [];
}
