import { Composer, isScalar, Lexer, Parser, visit, type Document, type Node } from "yaml";
import { ConfigReadError } from "./config-read-error.js";

/** Largest config file parsed. A full one is a few KiB; 64 KiB parses in well under 0.1 s. */
export const MAX_CONFIG_BYTES = 64 * 1024;
// Ours nests three levels (a list in a mapping in the document). The parser composes nodes
// recursively, and a file of a thousand `[` can exhaust the stack and take the process down.
const MAX_NESTING = 16;
// YAML's "billion laughs": each alias copies what it names when the file becomes values.
const MAX_ALIAS_COUNT = 100;

/**
 * Parses the text of a config file within fixed bounds (size, nesting, aliases), in time linear
 * in its size; anything else becomes a ConfigReadError naming the file and line, never quoting it.
 */
export function parseConfigYaml(text: string, path: string): Record<string, unknown> {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_CONFIG_BYTES) {
    throw new ConfigReadError({ path, problem: `${Math.ceil(bytes / 1024)} KiB, over the ${MAX_CONFIG_BYTES / 1024} KiB a config file may have` });
  }
  const doc = composeFirstDocument(text, path);
  // `first.message` can quote the offending line, i.e. the file's content: keep only its code.
  const [first] = doc.errors;
  if (first) throw new ConfigReadError({ path, line: lineOf(text, first.pos[0]), problem: `not valid YAML (${first.code})` });
  const duplicate = findDuplicateKey(doc);
  if (duplicate) throw new ConfigReadError({ path, line: lineOf(text, duplicate.range?.[0] ?? 0), problem: "not valid YAML (DUPLICATE_KEY)" });
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    throw new ConfigReadError({ path, problem: `its aliases expand to more than ${MAX_ALIAS_COUNT} copies` });
  }
  // An empty file is a config with nothing set, as Probot reads it.
  value ??= {};
  if (typeof value !== "object" || Array.isArray(value)) throw new ConfigReadError({ path, problem: "not a mapping of settings" });
  return value as Record<string, unknown>;
}

// `parseDocument`, with the nesting bounded while the parser reads and duplicate keys left to
// `findDuplicateKey`: the composer's own check compares every key with every earlier one.
function composeFirstDocument(text: string, path: string): Document.Parsed {
  const composer = new Composer({ uniqueKeys: false });
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(boundedTokens(text, path), true, text.length)) {
    if (doc) throw new ConfigReadError({ path, line: lineOf(text, next.range[0]), problem: "not valid YAML (MULTIPLE_DOCS)" });
    doc = next;
  }
  // `compose` with `forceDoc` yields a document even for empty input.
  return doc!;
}

function* boundedTokens(text: string, path: string) {
  const parser = new Parser();
  for (const lexeme of new Lexer().lex(text)) {
    yield* parser.next(lexeme);
    if (parser.stack.length > MAX_NESTING) {
      throw new ConfigReadError({ path, line: lineOf(text, parser.offset), problem: `nested more than ${MAX_NESTING} levels deep` });
    }
  }
  yield* parser.end();
}

function findDuplicateKey(doc: Document.Parsed): Node | undefined {
  let duplicate: Node | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        const name = isScalar(key) ? key.value : key;
        if (seen.has(name)) {
          duplicate = key as Node;
          return visit.BREAK;
        }
        seen.add(name);
      }
      return undefined;
    },
  });
  return duplicate;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}
