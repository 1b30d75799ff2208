// Vocabulary of related-code selection: what a parser tells about one file (plain data, so the
// core never holds a parse tree) and what the selection hands to the prompt.

/** Languages the context selector knows how to resolve imports for. C is parsed with the C++ grammar. */
export const LANGUAGES = ["typescript", "tsx", "javascript", "python", "go", "java", "rust", "ruby", "c", "cpp", "csharp", "php"] as const;
export type LanguageId = (typeof LANGUAGES)[number];

export type DefinitionKind =
  | "function"
  | "method"
  | "class"
  | "interface"
  | "type"
  | "enum"
  | "constant"
  | "module"
  | "property"
  /** A `describe`/`it`/`test` block, an RSpec example. */
  | "test"
  /** A prototype or signature without a body (C header, trait or interface method). */
  | "declaration"
  /** A block found by the indentation/brace fallback. */
  | "block"
  /** JavaScript/TypeScript `export default <function, class, object>`, named "default" (a default import looks it up). */
  | "export";

/** A named definition; lines are 1-based and inclusive. */
export interface SyntaxDefinition {
  name: string;
  kind: DefinitionKind;
  startLine: number;
  endLine: number;
  /** Line of the name itself (where "go to definition" lands). */
  nameLine: number;
}

/** How an identifier is used. */
export type ReferenceKind = "call" | "type" | "member" | "identifier";

/** One use of a name. */
export interface SyntaxReference {
  name: string;
  line: number;
  kind: ReferenceKind;
  /**
   * Text of the receiver/scope when it is a simple name or path (`ns` in `ns.f()`, `this`, `util::`);
   * `EXPRESSION_RECEIVER` for a JavaScript/TypeScript receiver that is an expression (`s.string().url()`).
   */
  qualifier?: string;
}

/** The qualifier of a member whose receiver is an expression (a call chain, an index): a member, of an unknown type. */
export const EXPRESSION_RECEIVER = "()";

/** A name an import binds: `name` as the imported module defines it, `alias` as this file uses it. */
export interface ImportedName {
  name: string;
  alias?: string;
}

/** One import/include/use/require, as written (resolution to files happens in the core). */
export interface SyntaxImport {
  /**
   * Module specifier, dotted/`::`/`\` path or included file, without quotes; "" for JavaScript's
   * `export { _enum as enum }` without `from` (names this file exports under another name).
   */
  source: string;
  names: ImportedName[];
  /** Local name of the whole module (`import * as ns`, `import x.y as m`, Go `cfg "path"`, default import). */
  alias?: string;
  /** `from m import *`, `use a::*`, `import a.b.*`, `export * from`. */
  wildcard: boolean;
  /** Resolved against the importing file's folder first (`require_relative`, PHP `__DIR__ . '...'`). */
  relative: boolean;
  /** Rust `mod name;`: declares a child module file. */
  declaresModule: boolean;
  line: number;
}

/** What the parser tells about one file. */
export interface FileOutline {
  /** A `LanguageId`, or "text" for the indentation/brace fallback. */
  language: string;
  definitions: SyntaxDefinition[];
  references: SyntaxReference[];
  imports: SyntaxImport[];
  /** Go package, Java package, C# or PHP namespace (the first one declared). */
  packageName?: string;
}

/** A local variable or parameter: where its name is declared, and the function it belongs to. */
export interface LocalDeclaration {
  name: string;
  line: number;
  /** Lines of the innermost function (or method, arrow function) around the declaration. */
  scopeStart: number;
  scopeEnd: number;
}

/** The parser the shell passes in (tree-sitter there; any fake in tests). */
export interface SyntaxService {
  /** The outline of one file, or undefined when its language has no grammar loaded (the core falls back). */
  outline(path: string, text: string): FileOutline | undefined;
  /**
   * The local variables and parameters of one file's functions (not its top level, which the
   * outline has); undefined for a language without a locals query. Asked for changed files only.
   */
  locals?(path: string, text: string): LocalDeclaration[] | undefined;
}

/** Why a snippet was chosen; the order is the ranking order. */
export const RELATIONS = ["enclosing", "definition", "caller", "test"] as const;
export type Relation = (typeof RELATIONS)[number];

/** A piece of the repository sent beside the diff. Lines are 1-based, inclusive, in the head revision. */
export interface RelatedSnippet {
  path: string;
  startLine: number;
  endLine: number;
  /** Why it is there, e.g. "definition of `parseConfig` called in src/a.ts:42"; merged snippets join reasons with "; ". */
  reason: string;
  /** The strongest relation among the merged candidates. */
  relation: Relation;
  /** Lines inside `startLine`..`endLine` that are not shown (one definition's window and the declarations it uses, joined); `text` holds the shown lines only. */
  gaps?: LineSpan[];
  text: string;
}

/** Lines `startLine`..`endLine`, 1-based, inclusive. */
export interface LineSpan {
  startLine: number;
  endLine: number;
}

/** A candidate range before ranking and the budget. */
export interface ContextCandidate {
  path: string;
  startLine: number;
  endLine: number;
  /** A definition's doc comment and header alone, inside the range: taken first, the rest if the budget allows. */
  signature?: { startLine: number; endLine: number };
  relation: Relation;
  reason: string;
  /** The change it explains is in a test file (ranked after every candidate for source changes). */
  forTest: boolean;
  /** 0 = in a changed file, 1 = elsewhere. */
  distance: number;
  /** 0 = resolved through an import or scope, 1 = same package/folder, 2 = found by name search, `GUESSED` = see there. */
  confidence: number;
  /** Within "definition": 0 call, 1 type, 2 identifier, 3 member. */
  specificity: number;
}

/**
 * The confidence of a JavaScript/TypeScript member whose receiver could not be typed, taken only
 * when it is the one definition of that name near the file: ranked below every other candidate.
 */
export const GUESSED = 3;

export interface SelectionLimits {
  /** Total lines of all snippets (default 800). */
  budgetLines: number;
  /** Longest single snippet; longer definitions are cut to their head or to a window (default 120). */
  maxSnippetLines: number;
  /** Files parsed per selection, changed files first (default 400). */
  maxParsedFiles: number;
  /** Larger files are not parsed (default 400 000 characters). */
  maxParseChars: number;
  /** Files searched by name per symbol (default 60). */
  maxFilesPerName: number;
  /** Callers kept per changed symbol (default 6). */
  maxCallersPerSymbol: number;
}

export interface SelectionStats {
  candidates: number;
  parsedFiles: number;
  /** Files whose language had no grammar and used the indentation/brace outline. */
  fallbackFiles: number;
  /** Names searched for across the repository. */
  searchedNames: number;
  /** True when `maxParsedFiles` stopped parsing. */
  parseCapReached: boolean;
  selectedLines: number;
}

export interface RelatedCodeSelection {
  snippets: RelatedSnippet[];
  /** Candidates left out for the budget, and their lines after merging with what was kept. */
  dropped: { count: number; lines: number };
  /** Definitions shown by their doc comment and header only, for the budget. */
  signaturesOnly: number;
  stats: SelectionStats;
}
