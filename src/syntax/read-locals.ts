import type { Node, Query, Tree } from "web-tree-sitter";
import type { LocalDeclaration } from "../core/context/types.js";

/** Nodes whose body is a scope of its own, per language of a locals query. */
export const LOCAL_SCOPES: Readonly<Record<string, ReadonlySet<string>>> = {
  ecma: new Set(["function_declaration", "generator_function_declaration", "function_expression", "function", "generator_function", "arrow_function", "method_definition", "class_static_block"]),
};

/**
 * The `@local` captures of a tree, each with the innermost scope node around it. Names declared
 * outside every scope (the file's top level) are left out: the outline has them.
 */
export function readLocals(tree: Tree, query: Query, scopes: ReadonlySet<string>, intern: (text: string) => string): LocalDeclaration[] {
  const locals: LocalDeclaration[] = [];
  for (const { node } of query.captures(tree.rootNode)) {
    let scope: Node | null = node.parent;
    while (scope && !scopes.has(scope.type)) scope = scope.parent;
    if (!scope) continue;
    locals.push({ name: intern(node.text), line: node.startPosition.row + 1, scopeStart: scope.startPosition.row + 1, scopeEnd: scope.endPosition.row + 1 });
  }
  return locals.sort((a, b) => a.line - b.line);
}
