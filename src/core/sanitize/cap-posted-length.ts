import { findCodeSpans } from "./find-code-spans.js";
import { splitFencedBlocks, type MarkdownBlock } from "./split-fenced-blocks.js";

/** What a cut text ends with, so that nobody mistakes it for the whole answer. */
export const TRUNCATION_NOTE = "…(truncated)";

// Our hidden markers find our own review and comments again: a cut must not lose them.
const OWN_MARKER = /<!-- patchwise:[^\n]*?-->/g;
const URL = /(?:(?:https?|ftp):\/\/|www\.)[^\s<]*/gi;
const ENTITY = /^&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;
const WORD_SLACK = 40;

/**
 * Cuts a text to at most `maxLength` characters, ending it with the truncation note. A line is
 * cut outside code spans, URLs, escapes and entities; a cut fenced code block is closed, and a
 * cut ```suggestion block is left out whole (a partial suggestion would commit broken code). Our
 * hidden markers that fall in the cut part are written again at the end. Meant for text whose
 * code spans each open and close on one line, as `sanitizePostedText` writes them: a span that
 * went on over a line break could be cut open.
 */
export function capPostedLength(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : cutToLength(text, maxLength);
}

/** `capPostedLength` that always cuts and adds the note (the caller already dropped a tail). */
export function cutToLength(text: string, maxLength: number): string {
  const note = text.includes("\n") ? `\n\n${TRUNCATION_NOTE}` : ` ${TRUNCATION_NOTE}`;
  const markers = [...text.matchAll(OWN_MARKER)].map((match) => match[0]);
  const budget = maxLength - note.length - markers.reduce((sum, marker) => sum + marker.length + 1, 0);
  if (budget < 0) throw new RangeError(`maxLength ${maxLength} leaves no room for the truncation note and markers`);
  const kept = keepWithin(splitFencedBlocks(text), budget).trimEnd();
  const lost = markers.filter((marker) => !kept.includes(marker));
  return [kept + note, ...lost].join("\n");
}

function keepWithin(blocks: MarkdownBlock[], budget: number): string {
  const lines: string[] = [];
  let used = -1; // no newline before the first line
  const room = () => budget - used - 1;
  const add = (line: string) => {
    lines.push(line);
    used += line.length + 1;
  };
  for (const block of blocks) {
    if (block.kind === "prose") {
      for (const line of block.lines) {
        if (line.length <= room()) {
          add(line);
          continue;
        }
        // A later line is cut between words only; failing that it is left out.
        const start = cutLine(line, room(), lines.length > 0);
        if (start !== "" || lines.length === 0) add(start);
        return lines.join("\n");
      }
      continue;
    }
    const close = block.closeLine ?? `${" ".repeat(block.indent)}${block.fence}`;
    const whole = [block.openLine, ...block.lines, ...(block.closeLine === null ? [] : [block.closeLine])];
    if (whole.join("\n").length <= room()) {
      whole.forEach(add);
      continue;
    }
    if (/^suggestion\b/i.test(block.info) || block.openLine.length + close.length + 1 > room()) return lines.join("\n");
    add(block.openLine);
    for (const line of block.lines) {
      if (line.length + close.length + 1 > room()) break;
      add(line);
    }
    add(close);
    return lines.join("\n");
  }
  return lines.join("\n");
}

/**
 * The longest start of `line` within `room` that cuts no code span, URL, escape, entity or
 * surrogate pair, ending between words where one ends near the limit (`wordsOnly`: or else nothing).
 */
function cutLine(line: string, room: number, wordsOnly: boolean): string {
  if (room <= 0) return "";
  const whole = [...findCodeSpans(line), ...[...line.matchAll(URL)].map((match) => ({ start: match.index, end: match.index + match[0].length }))];
  const space = line.lastIndexOf(" ", room);
  const betweenWords = space > 0 && (wordsOnly || space > room - WORD_SLACK);
  if (wordsOnly && !betweenWords) return "";
  let cut = betweenWords ? space : room;
  for (let moved = true; moved; ) {
    moved = false;
    for (const range of whole) {
      if (range.start < cut && cut < range.end) {
        cut = range.start;
        moved = true;
      }
    }
  }
  const amp = line.lastIndexOf("&", cut - 1);
  if (amp !== -1) {
    const entity = ENTITY.exec(line.slice(amp))?.[0];
    if (entity !== undefined && amp + entity.length > cut) cut = amp;
  }
  let backslashes = 0;
  while (line[cut - 1 - backslashes] === "\\") backslashes++;
  if (backslashes % 2 === 1) cut--;
  if (/[\uD800-\uDBFF]/.test(line[cut - 1] ?? "")) cut--;
  return line.slice(0, cut);
}
