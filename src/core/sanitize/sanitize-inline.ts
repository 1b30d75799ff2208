import { findCodeSpans, isEscapePair, runLength } from "./find-code-spans.js";
import { neutraliseMarkers, neutraliseReferences, ZERO_WIDTH_SPACE } from "./neutralise-references.js";
import { parseInlineLink } from "./parse-inline-link.js";
import { hostOf, parseGitHubUrl, toGitHubHref } from "./to-github-href.js";

export interface InlineOptions {
  githubHost: string;
  /** Inside a link's text or an image's alt text, where no link of its own may stand. */
  inLinkText?: boolean;
}

// What GitHub's extended autolinks start with; the URL runs to the next space or `<`.
const BARE_URL = /(?:(?:https?|ftp):\/\/|www\.)[^\s<]*/iy;
// The characters a bare URL of the GitHub host may hold to be kept: no `@`, which would be a
// mention if GitHub did not read the URL as a link after all, and no `*`, `~`, `[`, `<` ... that
// could make GitHub read the text around it differently.
const URL_CHARS = /^[A-Za-z0-9\-._:/?#!%+,;=&']+/;
const IMG_TAG = /<img\b(?:[^>"']|"[^"]*"|'[^']*')*>/iy;
const MAX_TAG = 2_000;

/**
 * Sanitises one line of prose (no fenced code): code spans are kept as written; images (markdown
 * and `<img>`) are dropped, keeping their alt text; links and bare URLs to any host but the GitHub
 * host lose their target, keeping their text; every other `<`, `&`, `[`, `]`, `$` and unmatched
 * backtick is escaped, so GitHub renders it as the character and never as HTML, a link, math or
 * code; mentions, issue references and closing keywords are neutralised.
 */
export function sanitizeInline(line: string, options: InlineOptions): string {
  const spans = findCodeSpans(line);
  const spanEnds = new Map(spans.map((span) => [span.start, span.end]));
  const out = createPieces();
  let index = 0;
  while (index < line.length) {
    const char = line[index]!;
    const spanEnd = spanEnds.get(index);
    if (isEscapePair(line, index)) {
      // `\<` and `\&` are written as entities: `\<!-- patchwise:` would still hold our marker's text.
      const escaped = line[index + 1]!;
      out.text(escaped === "<" || escaped === "&" ? ESCAPES[escaped]! : `\\${escaped}`);
      index += 2;
    } else if (spanEnd !== undefined && !line.slice(index, spanEnd).includes("|")) {
      // A `|` inside a code span still splits a table cell, so such a span is not trusted as code.
      out.atom(neutraliseMarkers(line.slice(index, spanEnd)));
      index = spanEnd;
    } else if (char === "`") {
      const length = runLength(line, index);
      out.text("\\`".repeat(length));
      index += length;
    } else if (char === "[" || (char === "!" && line[index + 1] === "[")) {
      index = emitLinkOrImage(line, index, spans, options, out);
    } else if (char === "<") {
      const tag = matchAt(IMG_TAG, line.slice(index, index + MAX_TAG), 0);
      if (tag !== null) out.removed();
      else out.text(ESCAPES[char]!);
      index += tag?.length ?? 1;
    } else if (matchAt(BARE_URL, line, index) !== null) {
      index = emitBareUrl(line, index, options, out);
    } else {
      out.text(ESCAPES[char] ?? char);
      index++;
    }
  }
  return out.finish();
}

const ESCAPES: Record<string, string> = { "<": "&lt;", "&": "&amp;", "]": "\\]", $: "\\$" };

function emitLinkOrImage(line: string, index: number, spans: ReturnType<typeof findCodeSpans>, options: InlineOptions, out: Pieces): number {
  const image = line[index] === "!";
  const link = parseInlineLink(line, image ? index + 1 : index, spans);
  if (link === null) {
    out.text(image ? "!\\[" : "\\[");
    return index + (image ? 2 : 1);
  }
  const label = sanitizeInline(link.label, { ...options, inLinkText: true });
  const href = image || options.inLinkText ? null : toGitHubHref(link.destination, options.githubHost);
  if (href !== null) {
    out.atom(`[${label}](${href})`);
  } else {
    // Images always go (an image URL is fetched on view: a way to send data out); so do links elsewhere.
    out.removed();
    out.atom(label);
    out.removed();
  }
  return link.end;
}

/**
 * A bare URL (GFM links them) is replaced by a note naming its host, unless it is one of the
 * GitHub host that GitHub will link exactly as written: not straight after a letter, only plain
 * URL characters, and a host that cannot run on into what follows (GitHub's link would take in
 * `&amp;@evil.example`, say, and `@` makes what precedes it a user name).
 */
function emitBareUrl(line: string, index: number, options: InlineOptions, out: Pieces): number {
  const extent = matchAt(BARE_URL, line, index)!;
  const url = trimUrl(extent);
  const next = line[index + extent.length];
  const linked = index === 0 || !/[A-Za-z]/.test(line[index - 1]!);
  const plain = URL_CHARS.exec(url)?.[0] === url;
  const hostEnds = /^(?:[a-z]+:\/\/|(?=www\.))[^/?#]*[/?#]/i.test(url) || (next === undefined ? !options.inLinkText : /\s/.test(next));
  if (linked && plain && hostEnds && parseGitHubUrl(url, options.githubHost) !== null) {
    out.atom(url.replace(/&/g, "&amp;"));
  } else {
    const host = hostOf(url);
    out.atom(host === null ? "(link removed)" : `(link to \`${host}\` removed)`);
  }
  return index + url.length;
}

// GFM leaves trailing punctuation and an unbalanced `)` out of an autolink.
function trimUrl(url: string): string {
  let end = url.length;
  for (;;) {
    const last = url[end - 1];
    if (last !== undefined && "?!.,:*_~'\"".includes(last)) end--;
    else if (last === ")" && count(url.slice(0, end), "(") < count(url.slice(0, end), ")")) end--;
    else return url.slice(0, end);
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function matchAt(pattern: RegExp, text: string, index: number): string | null {
  pattern.lastIndex = index;
  return pattern.exec(text)?.[0] ?? null;
}

interface Pieces {
  /** Prose: references in it are neutralised when it is joined. */
  text(value: string): void;
  /** Finished output (code, a link, a sanitised label) kept as it is. */
  atom(value: string): void;
  /** Something was dropped here: what was apart in the input must not run together now. */
  removed(): void;
  finish(): string;
}

function createPieces(): Pieces {
  const parts: string[] = [];
  let buffer = "";
  let separate = false;
  const push = (value: string) => {
    if (value === "") return;
    const previous = parts.at(-1) ?? "";
    const glued = /[^\s\u200B]$/.test(previous) && /^[^\s\u200B]/.test(value);
    if (separate ? glued : previous !== "" && mayJoin(previous, value)) parts.push(ZERO_WIDTH_SPACE);
    separate = false;
    parts.push(value);
  };
  const flush = () => {
    if (buffer !== "") push(neutraliseReferences(buffer));
    buffer = "";
  };
  return {
    text: (value) => void (buffer += value),
    atom: (value) => {
      flush();
      push(value);
    },
    removed: () => {
      flush();
      separate = true;
    },
    finish: () => {
      flush();
      return parts.join("");
    },
  };
}

// Pieces that were next to each other in the input can still combine into something new when
// written one after the other: two backtick runs, `!` before a link, an escape, a mention.
function mayJoin(previous: string, next: string): boolean {
  if (previous.endsWith("`") && next.startsWith("`")) return true;
  if (previous.endsWith("!") && next.startsWith("[")) return true;
  if (/(?:^|[^\\])(?:\\\\)*\\$/.test(previous) && /^[!-/:-@[-`{-~]/.test(next)) return true;
  return /(?:[@#]|GH-)$/i.test(previous) && /^[A-Za-z0-9]/.test(next);
}
