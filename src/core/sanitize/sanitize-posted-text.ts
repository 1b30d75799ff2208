import { cutToLength, capPostedLength } from "./cap-posted-length.js";
import { neutraliseBotCommands } from "./neutralise-bot-commands.js";
import { neutraliseMarkers } from "./neutralise-references.js";
import { sanitizeInline } from "./sanitize-inline.js";
import { closingFencePattern, openingFence, splitFencedBlocks, type MarkdownBlock } from "./split-fenced-blocks.js";

/** GitHub refuses a comment, review body or review comment longer than this. */
export const GITHUB_COMMENT_MAX_LENGTH = 65_536;

export interface SanitizeOptions {
  /** The one host links may point to: `github.com`, or the GitHub Enterprise host (with its port, if any). */
  githubHost: string;
  /** Longest result, the truncation note included. */
  maxLength: number;
  /**
   * The text is placed inside one line (a list item, a table cell): whitespace is collapsed first,
   * so that what is code here is still code once it sits on that line.
   */
  singleLine?: boolean;
}

// Fences GitHub renders instead of showing: a model-written suggestion would be committable
// without our checks, and diagrams, math and maps are more markup to escape than they are worth.
const RENDERED_LANGUAGES = new Set(["suggestion", "mermaid", "math", "geojson", "topojson", "stl"]);

/**
 * Makes untrusted text (the model's answer, or anything from the pull request) safe to post on
 * GitHub: no mention notifies anyone, no other bot takes a command from it (`/lgtm`, `@dependabot
 * merge`, `bors r+`, in code too), no issue is referenced or closed, no image loads, no link leads
 * off the GitHub host, no raw HTML renders (our hidden `<!-- patchwise:` markers included:
 * sanitise text *before* adding our own markers, which are the only ones left), code spans and
 * fenced code read as written, and the result fits `maxLength`.
 *
 * The result is safe as a block of its own at the start of a line (or, with `singleLine`, inside
 * one line). Joined to other text it stays safe, but must not be cut, re-flowed or collapsed
 * afterwards except by `capPostedLength`.
 */
export function sanitizePostedText(text: string, options: SanitizeOptions): string {
  // Sanitising can lengthen text (`<` becomes `&lt;`), but whatever lies past twice the limit is cut anyway.
  const limit = options.maxLength * 2;
  const tooLong = text.length > limit;
  let input = (tooLong ? text.slice(0, /[\uD800-\uDBFF]/.test(text[limit - 1]!) ? limit - 1 : limit) : text)
    .replace(/\r\n?/g, "\n")
    .replace(/\0/g, "\uFFFD");
  if (options.singleLine) input = input.replace(/\s+/g, " ").trim();
  const blocks: MarkdownBlock[] = options.singleLine ? [{ kind: "prose", lines: [input] }] : splitFencedBlocks(input);
  const inline = { githubHost: options.githubHost };
  const rendered = blocks.map((block) => (block.kind === "prose" ? block.lines.map((line) => sanitizeProseLine(line, inline)).join("\n") : renderFence(block))).join("\n");
  // Last, over code too: other bots read the raw body, code spans and fences included.
  const sanitized = neutraliseBotCommands(rendered);
  return tooLong ? cutToLength(sanitized, options.maxLength) : capPostedLength(sanitized, options.maxLength);
}

// A removed image or a link's text can leave `~~~` at the start of a prose line: GitHub would
// open a code block there and close it at our next fence, turning that fence's code into prose.
function sanitizeProseLine(line: string, options: { githubHost: string }): string {
  const sanitized = sanitizeInline(line, options);
  return openingFence(sanitized) ? sanitized.replace(/^( *)([`~])/, "$1\\$2") : sanitized;
}

// Written again at the start of the line with its content as CommonMark reads it: a fence at the
// left margin ends any list or quote around it, so GitHub reads as code exactly what we kept as code.
function renderFence(block: Extract<MarkdownBlock, { kind: "fence" }>): string {
  const language = (block.info.split(/\s/, 1)[0] ?? "").toLowerCase();
  const info = RENDERED_LANGUAGES.has(language) ? "text" : neutraliseMarkers(block.info);
  const indent = new RegExp(`^ {0,${block.indent}}`);
  const closing = closingFencePattern(block.fence);
  // A line that was not a closing fence must not become one by losing its indentation.
  const dedent = (line: string) => (closing.test(line.replace(indent, "")) ? line : line.replace(indent, ""));
  const lines = block.lines.map((line) => neutraliseMarkers(dedent(line)));
  // A space keeps an info string that starts with a tilde from lengthening a tilde fence.
  const open = info.startsWith(block.fence[0]!) ? `${block.fence} ${info}` : `${block.fence}${info}`;
  // Always closed: an unclosed fence would run on over whatever we write after this text.
  return [open, ...lines, block.fence].join("\n");
}
