/** A run of lines outside any fenced code block, or one fenced code block, lines as written. */
export type MarkdownBlock =
  | { kind: "prose"; lines: string[] }
  | {
      kind: "fence";
      /** Spaces before the opening fence (0-3); CommonMark strips as many from each content line. */
      indent: number;
      /** The opening run of backticks or tildes. */
      fence: string;
      info: string;
      openLine: string;
      lines: string[];
      /** The closing line as written, or null when the block runs to the end of the text. */
      closeLine: string | null;
    };

// CommonMark: up to three spaces, then three or more backticks or tildes; a backtick fence's info
// string may not contain a backtick (such a line is inline code, not a fence).
const OPENING = /^( {0,3})(`{3,}|~{3,})(.*)$/;

/**
 * Splits markdown into prose and fenced code blocks the way CommonMark does for fences that are
 * not nested in a list item or block quote. Nested fences stay prose: callers must treat prose
 * as untrusted text, so reading too little as code is safe and reading too much would not be.
 */
export function splitFencedBlocks(text: string): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  let prose: string[] = [];
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const open = openingFence(line);
    if (!open) {
      prose.push(line);
      continue;
    }
    if (prose.length > 0) blocks.push({ kind: "prose", lines: prose });
    prose = [];
    const [, spaces, fence, info] = open as unknown as [string, string, string, string];
    const closing = closingFencePattern(fence);
    const content: string[] = [];
    let closeLine: string | null = null;
    for (index++; index < lines.length; index++) {
      if (closing.test(lines[index]!)) {
        closeLine = lines[index]!;
        break;
      }
      content.push(lines[index]!);
    }
    blocks.push({ kind: "fence", indent: spaces.length, fence, info: info.trim(), openLine: line, lines: content, closeLine });
  }
  if (prose.length > 0 || blocks.length === 0) blocks.push({ kind: "prose", lines: prose });
  return blocks;
}

/** The parts of a line that opens a fenced code block (spaces, fence, info string), or null. */
export function openingFence(line: string): RegExpExecArray | null {
  const open = OPENING.exec(line);
  return open && !(open[2]!.startsWith("`") && open[3]!.includes("`")) ? open : null;
}

/** Lines that close a block opened by `fence`: up to three spaces, at least as many of its characters, nothing else. */
export function closingFencePattern(fence: string): RegExp {
  return new RegExp(`^ {0,3}${fence[0] === "`" ? "`" : "~"}{${fence.length},}[ \\t]*$`);
}
