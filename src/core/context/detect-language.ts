import { baseOf, extensionOf } from "./build-path-index.js";
import type { LanguageId } from "./types.js";

const BY_EXTENSION: Record<string, LanguageId> = {
  ts: "typescript",
  mts: "typescript",
  cts: "typescript",
  tsx: "tsx",
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsx: "javascript",
  py: "python",
  pyi: "python",
  go: "go",
  java: "java",
  rs: "rust",
  rb: "ruby",
  rake: "ruby",
  gemspec: "ruby",
  c: "c",
  h: "c",
  cc: "cpp",
  cpp: "cpp",
  cxx: "cpp",
  hh: "cpp",
  hpp: "cpp",
  hxx: "cpp",
  cs: "csharp",
  php: "php",
};

const BY_NAME: Record<string, LanguageId> = { Rakefile: "ruby", Gemfile: "ruby" };

/** The language of a path by its extension, or undefined for files the fallback outline handles. */
export function detectLanguage(path: string): LanguageId | undefined {
  const extension = extensionOf(path);
  return extension === "" ? BY_NAME[baseOf(path)] : BY_EXTENSION[extension.toLowerCase()];
}

// Languages whose files use each other's names: JavaScript and TypeScript import each other, C and C++ include each other.
const FAMILY: Partial<Record<LanguageId, string>> = { typescript: "ecmascript", tsx: "ecmascript", javascript: "ecmascript", c: "c", cpp: "c" };

/**
 * Whether code in `from` can name a definition in `to`: the same language or family (for files
 * without a grammar, the same extension). A TypeScript `items.length` never means a C++ method.
 */
export function canReference(from: string, to: string): boolean {
  const a = detectLanguage(from);
  const b = detectLanguage(to);
  if (a === undefined || b === undefined) return a === b && extensionOf(from) === extensionOf(to);
  return a === b || (FAMILY[a] !== undefined && FAMILY[a] === FAMILY[b]);
}
