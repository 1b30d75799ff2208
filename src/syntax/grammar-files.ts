import type { LanguageId } from "../core/context/types.js";

/**
 * Which grammar of `@vscode/tree-sitter-wasm` parses each language, and which query files (under
 * ./queries) describe it. C has no grammar in that package; the C++ grammar is a superset of C's
 * and recovers locally where C code uses a C++ keyword as a name. `locals` names the query files
 * of local variables and parameters, and the scope nodes of `LOCAL_SCOPES` they belong to.
 */
export const GRAMMAR_FILES: Record<LanguageId, { wasm: string; queries: string[]; locals?: { queries: string[]; scopes: string } }> = {
  typescript: { wasm: "tree-sitter-typescript.wasm", queries: ["ecma", "typescript"], locals: { queries: ["ecma-locals", "typescript-locals"], scopes: "ecma" } },
  tsx: { wasm: "tree-sitter-tsx.wasm", queries: ["ecma", "typescript", "jsx"], locals: { queries: ["ecma-locals", "typescript-locals"], scopes: "ecma" } },
  javascript: { wasm: "tree-sitter-javascript.wasm", queries: ["ecma", "javascript", "jsx"], locals: { queries: ["ecma-locals", "javascript-locals"], scopes: "ecma" } },
  python: { wasm: "tree-sitter-python.wasm", queries: ["python"] },
  go: { wasm: "tree-sitter-go.wasm", queries: ["go"] },
  java: { wasm: "tree-sitter-java.wasm", queries: ["java"] },
  rust: { wasm: "tree-sitter-rust.wasm", queries: ["rust"] },
  ruby: { wasm: "tree-sitter-ruby.wasm", queries: ["ruby"] },
  c: { wasm: "tree-sitter-cpp.wasm", queries: ["cpp"] },
  cpp: { wasm: "tree-sitter-cpp.wasm", queries: ["cpp"] },
  csharp: { wasm: "tree-sitter-c-sharp.wasm", queries: ["csharp"] },
  php: { wasm: "tree-sitter-php.wasm", queries: ["php"] },
};
