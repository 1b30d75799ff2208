import type { ChangedLines } from "./collect-changed-lines.js";
import type { OldFragment } from "./collect-old-fragments.js";
import type { RepoIndex } from "./create-repo-index.js";
import { findEnclosingDefinition } from "./find-enclosing-definition.js";
import type { DefinitionKind, SyntaxDefinition } from "./types.js";

/** A definition the change modifies or removes: its callers may break. */
export interface ChangedSymbol {
  name: string;
  path: string;
  /** Where it is in the head revision; undefined when the change removed it. */
  definition?: SyntaxDefinition;
}

const CALLABLE = new Set<DefinitionKind>(["function", "method", "class", "interface", "type", "enum", "constant", "module", "declaration"]);
// Names every file uses; their "callers" would be noise.
const TOO_COMMON = new Set(["constructor", "__init__", "init", "main", "new", "toString", "equals", "hashCode", "get", "set", "run", "call", "apply", "default", "render", "index", "value", "name", "id", "test"]);

/** The definitions around the changed lines, and those whose names the deleted lines (`oldFragments`) defined and the head no longer has. */
export function collectChangedSymbols(index: RepoIndex, changed: ChangedLines, oldFragments: readonly OldFragment[], removedFile: boolean): ChangedSymbol[] {
  const symbols = new Map<string, ChangedSymbol>();
  const outline = removedFile ? undefined : index.outline(changed.path, true);
  const added = new Set(changed.added);
  if (outline) {
    for (const line of changed.touched) {
      const definition = findEnclosingDefinition(outline, line);
      if (!definition || !CALLABLE.has(definition.kind) || TOO_COMMON.has(definition.name)) continue;
      // A definition the diff adds whole has no callers outside the diff yet.
      if (added.has(definition.startLine) && added.has(definition.endLine)) continue;
      if (!symbols.has(definition.name)) symbols.set(definition.name, { name: definition.name, path: changed.path, definition });
    }
  }
  const headNames = new Set(outline?.definitions.map((definition) => definition.name) ?? []);
  for (const fragment of oldFragments) {
    const lines = fragment.text.split("\n");
    for (const definition of index.outlineText(changed.path, fragment.text)?.definitions ?? []) {
      if (!fragment.deleted.has(definition.nameLine) || !CALLABLE.has(definition.kind) || TOO_COMMON.has(definition.name)) continue;
      // Out of its file a local variable reads as a top-level constant; only unindented ones are.
      if (definition.kind === "constant" && /^\s/.test(lines[definition.startLine - 1] ?? "")) continue;
      if (!headNames.has(definition.name) && !symbols.has(definition.name)) symbols.set(definition.name, { name: definition.name, path: changed.path });
    }
  }
  return [...symbols.values()];
}
