import type { FileOutline, SyntaxDefinition, SyntaxReference } from "./types.js";

/** Kinds that say nothing on their own as the surrounding code of a line (a default export is its function or class too). */
const NOT_ENCLOSING = new Set(["property", "declaration", "export"]);

/** The innermost definition around a line (not a field or a bodiless signature), or undefined at top level. */
export function findEnclosingDefinition(outline: FileOutline, line: number): SyntaxDefinition | undefined {
  let best: SyntaxDefinition | undefined;
  for (const definition of outline.definitions) {
    if (NOT_ENCLOSING.has(definition.kind) || definition.startLine > line || definition.endLine < line) continue;
    if (!best || definition.endLine - definition.startLine < best.endLine - best.startLine) best = definition;
  }
  return best;
}

/** The innermost type-like definition (class, interface, type, enum, module) strictly around a definition. */
export function findContainer(outline: FileOutline, inner: SyntaxDefinition): SyntaxDefinition | undefined {
  let best: SyntaxDefinition | undefined;
  for (const definition of outline.definitions) {
    if (definition === inner || !["class", "interface", "type", "enum", "module"].includes(definition.kind)) continue;
    if (definition.startLine > inner.startLine || definition.endLine < inner.endLine) continue;
    if (!best || definition.endLine - definition.startLine < best.endLine - best.startLine) best = definition;
  }
  return best;
}

/** References on lines `from`..`to` (inclusive) that are not the name of a definition made there. */
export function listReferencesInRange(outline: FileOutline, from: number, to: number): SyntaxReference[] {
  const declared = new Set(outline.definitions.filter((d) => d.nameLine >= from && d.nameLine <= to).map((d) => `${d.name}@${d.nameLine}`));
  return outline.references.filter((reference) => reference.line >= from && reference.line <= to && !declared.has(`${reference.name}@${reference.line}`));
}
