import { parseDocument } from "yaml";

/** A file's YAML front matter (empty when it has none) and the text after it, or why it could not be read. */
export type FrontMatter = { data: Record<string, unknown>; body: string } | { error: string };

// Real front matter is a line or two (`applyTo`, `excludeAgent`); the bound keeps the YAML parser's
// work (and its recursion on nested brackets) small whatever a file holds.
const MAX_FRONT_MATTER_CHARS = 1_000;
const MAX_ALIAS_COUNT = 10;

/**
 * Splits a Markdown file's `---` front matter from its text and parses it, within fixed bounds.
 * An error names what is wrong (a YAML error code at most), never the file's text.
 */
export function parseFrontMatter(text: string): FrontMatter {
  const opening = /^---[ \t]*\r?\n/.exec(text);
  if (!opening) return { data: {}, body: text };
  const rest = text.slice(opening[0].length);
  const closing = /^---[ \t]*(?:\r?\n|$)/m.exec(rest);
  if (!closing) return { error: "its front matter has no closing `---` line" };
  const yaml = rest.slice(0, closing.index);
  const body = rest.slice(closing.index + closing[0].length);
  if (yaml.length > MAX_FRONT_MATTER_CHARS) return { error: `its front matter is longer than ${MAX_FRONT_MATTER_CHARS.toLocaleString("en-US")} characters` };
  const doc = parseDocument(yaml, { uniqueKeys: true });
  const [first] = doc.errors;
  if (first) return { error: `its front matter is not valid YAML (${first.code})` };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return { error: "its front matter's aliases expand too far" };
  }
  if (data === null || data === undefined) return { data: {}, body };
  if (typeof data !== "object" || Array.isArray(data)) return { error: "its front matter is not a mapping of keys" };
  return { data: data as Record<string, unknown>, body };
}
