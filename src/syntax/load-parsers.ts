import { readFile } from "node:fs/promises";
import { Language, Parser, Query, type Tree } from "web-tree-sitter";
import { detectLanguage } from "../core/context/detect-language.js";
import type { LanguageId, SyntaxService } from "../core/context/types.js";
import { GRAMMAR_FILES } from "./grammar-files.js";
import { LOCAL_SCOPES, readLocals } from "./read-locals.js";
import { readOutline } from "./read-outline.js";
import { resolveAsset } from "../assets/resolve-asset.js";

/** A loaded grammar: its parser, its compiled outline query, and its locals query with their scope nodes. */
export interface LoadedGrammar {
  parser: Parser;
  query: Query;
  locals?: { query: Query; scopes: ReadonlySet<string> };
}

// Compiled grammars hold no code under review and never change, so one process shares them:
// each language's wasm and query are read and compiled once, on first use.
let runtime: Promise<void> | undefined;
const grammars = new Map<LanguageId, Promise<LoadedGrammar>>();

/**
 * The tree-sitter syntax service for the languages among `paths` (every supported language when
 * omitted). Grammars load lazily per language and stay cached for the process; files in other
 * languages get no outline, so the core falls back to its indentation/brace outline.
 */
export async function loadSyntaxService(paths?: Iterable<string>): Promise<SyntaxService> {
  const wanted = new Set<LanguageId>();
  if (paths === undefined) for (const language of Object.keys(GRAMMAR_FILES) as LanguageId[]) wanted.add(language);
  else for (const path of paths) {
    const language = detectLanguage(path);
    if (language) wanted.add(language);
  }
  const loaded = new Map<LanguageId, LoadedGrammar>();
  await Promise.all([...wanted].map(async (language) => loaded.set(language, await loadGrammar(language))));
  return createTreeSitterSyntax(loaded);
}

/**
 * A syntax service over grammars already loaded. One service serves one selection: the names of
 * its outlines are shared strings (a few thousand distinct names among tens of thousands of uses),
 * so the outlines a selection keeps cost less.
 */
export function createTreeSitterSyntax(loaded: ReadonlyMap<LanguageId, LoadedGrammar>): SyntaxService {
  const strings = new Map<string, string>();
  const intern = (text: string): string => {
    const shared = strings.get(text);
    if (shared !== undefined) return shared;
    strings.set(text, text);
    return text;
  };
  const grammarOf = (path: string) => {
    const language = detectLanguage(path);
    return language && loaded.get(language);
  };
  const parsed = <T>(grammar: LoadedGrammar, text: string, read: (tree: Tree) => T): T | undefined => {
    const tree = grammar.parser.parse(text);
    if (!tree) return undefined;
    try {
      return read(tree);
    } finally {
      // Trees live in wasm memory, outside the garbage collector.
      tree.delete();
    }
  };
  return {
    outline(path, text) {
      const grammar = grammarOf(path);
      return grammar ? parsed(grammar, text, (tree) => readOutline(detectLanguage(path)!, tree, grammar.query, intern)) : undefined;
    },
    locals(path, text) {
      const grammar = grammarOf(path);
      const locals = grammar?.locals;
      return grammar && locals ? parsed(grammar, text, (tree) => readLocals(tree, locals.query, locals.scopes, intern)) : undefined;
    },
  };
}

/** Loads (once per process) the grammar and query of one language. */
export function loadGrammar(language: LanguageId): Promise<LoadedGrammar> {
  let pending = grammars.get(language);
  if (!pending) {
    pending = compileGrammar(language);
    grammars.set(language, pending);
    // A failed load is not cached, so a later review can try again.
    pending.catch(() => grammars.delete(language));
  }
  return pending;
}

async function compileGrammar(language: LanguageId): Promise<LoadedGrammar> {
  runtime ??= Parser.init({ locateFile: () => resolveAsset("web-tree-sitter/tree-sitter.wasm") });
  await runtime;
  const files = GRAMMAR_FILES[language];
  const [wasm, queries, localQueries] = await Promise.all([
    readFile(resolveAsset(`@vscode/tree-sitter-wasm/wasm/${files.wasm}`)),
    Promise.all(files.queries.map((name) => readQueryFile(name))),
    Promise.all((files.locals?.queries ?? []).map((name) => readQueryFile(name))),
  ]);
  const grammar = await Language.load(new Uint8Array(wasm));
  const parser = new Parser();
  parser.setLanguage(grammar);
  const loaded: LoadedGrammar = { parser, query: new Query(grammar, queries.join("\n")) };
  if (files.locals) loaded.locals = { query: new Query(grammar, localQueries.join("\n")), scopes: LOCAL_SCOPES[files.locals.scopes] ?? new Set() };
  return loaded;
}

// The .scm files sit next to this module when it runs from src/; tsc does not copy them into
// dist/, so from dist/syntax the package's src/syntax/queries is read.
async function readQueryFile(name: string): Promise<string> {
  const candidates = [new URL(`./queries/${name}.scm`, import.meta.url), new URL(`../../src/syntax/queries/${name}.scm`, import.meta.url)];
  for (const file of candidates) {
    try {
      return await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  throw new Error(`syntax query ${name}.scm not found next to ${import.meta.url}; the package must ship src/syntax/queries`);
}
