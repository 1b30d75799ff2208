import type { Node } from "web-tree-sitter";
import { detectLanguage } from "../core/context/detect-language.js";
import type { LanguageId } from "../core/context/types.js";
import type { ParseCheck } from "../core/findings/check-suggestion.js";
import { loadGrammar, type LoadedGrammar } from "./load-parsers.js";

/**
 * The suggestion check's parser (`ParseCheck`), on the tree-sitter grammars related code uses:
 * the grammars of `paths` are loaded first, so the check itself is synchronous. It counts
 * ERROR and MISSING nodes; null for a file in a language without a grammar.
 */
export async function loadParseCheck(paths: Iterable<string>): Promise<ParseCheck> {
  const languages = new Set<LanguageId>();
  for (const path of paths) {
    const language = detectLanguage(path);
    if (language) languages.add(language);
  }
  const loaded = new Map<LanguageId, LoadedGrammar>();
  await Promise.all([...languages].map(async (language) => loaded.set(language, await loadGrammar(language))));
  return createParseCheck(loaded);
}

/** A parse check over grammars already loaded. */
export function createParseCheck(loaded: ReadonlyMap<LanguageId, LoadedGrammar>): ParseCheck {
  return (path, fileText) => {
    const language = detectLanguage(path);
    const grammar = language && loaded.get(language);
    if (!grammar) return null;
    const tree = grammar.parser.parse(fileText);
    if (!tree) return null;
    try {
      return { errors: countSyntaxErrors(tree.rootNode) };
    } finally {
      // Trees live in wasm memory, outside the garbage collector.
      tree.delete();
    }
  };
}

// Only subtrees that hold an error are walked, so a clean file costs one check of the root.
function countSyntaxErrors(node: Node): number {
  if (node.isError || node.isMissing) return 1 + node.children.reduce((sum, child) => sum + (child && child.hasError ? countSyntaxErrors(child) : 0), 0);
  if (!node.hasError) return 0;
  return node.children.reduce((sum, child) => sum + (child ? countSyntaxErrors(child) : 0), 0);
}
