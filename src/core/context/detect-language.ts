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
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return BY_NAME[name];
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()];
}
