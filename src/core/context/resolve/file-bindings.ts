/** Where a name a file uses comes from: files to look in, and the name to look for there. */
export interface Binding {
  files: readonly string[];
  /** Name of the definition in `files`; undefined when the name is the module itself (a namespace). */
  symbol?: string;
}

/** What one file's imports make visible, resolved to repository files. */
export interface FileBindings {
  /** Local names and qualifiers (`ns`, `pkg.mod`, Go package names) to where they come from. */
  named: Map<string, Binding[]>;
  /** Files whose top-level names are all visible (`export *`, `import *`, `#include`, `require`). */
  wildcard: string[];
  /** Files of the same package or folder, visible without an import (Go, Java). */
  scope: readonly string[];
  /** Namespaces in use (C#, PHP), preferred when a name is found by search. */
  namespaces: string[];
  /** Every file the imports resolve to. */
  importedFiles: Set<string>;
  /** Resolves a `::` path used as a qualifier (Rust). */
  resolvePath?: (qualifier: string) => string[];
}

/** An empty set of bindings to fill. */
export function createBindings(): FileBindings {
  return { named: new Map(), wildcard: [], scope: [], namespaces: [], importedFiles: new Set() };
}

/** Records that `local` comes from `binding` (files already found). */
export function bind(bindings: FileBindings, local: string, binding: Binding): void {
  if (binding.files.length === 0) return;
  const list = bindings.named.get(local);
  if (list) list.push(binding);
  else bindings.named.set(local, [binding]);
  for (const file of binding.files) bindings.importedFiles.add(file);
}

/** Records files whose names are all visible. */
export function bindWildcard(bindings: FileBindings, files: readonly string[]): void {
  for (const file of files) {
    if (!bindings.wildcard.includes(file)) bindings.wildcard.push(file);
    bindings.importedFiles.add(file);
  }
}
