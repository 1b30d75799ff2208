import { parseInstructionFile, type InstructionFile } from "./parse-instruction-file.js";
import type { InstructionFileSkip } from "./plan-instruction-reads.js";

/** Most characters of one file's instructions sent; the rest is cut. */
export const MAX_INSTRUCTION_FILE_CHARS = 8_000;
/** Most characters of all instruction files together: every request is sized to hold them all. */
export const MAX_INSTRUCTION_CHARS = 16_000;

/** What the shell read from the trusted ref: the planned files' bytes, and what it skipped unread. */
export interface InstructionFileSources {
  files: Array<{ path: string; bytes: Uint8Array }>;
  skipped: InstructionFileSkip[];
}

/** The instruction files in use, and those cut or left out (each with our reason, never their text). */
export interface InstructionFiles {
  files: InstructionFile[];
  cut: InstructionFileSkip[];
  skipped: InstructionFileSkip[];
}

export const NO_INSTRUCTION_FILES: InstructionFiles = Object.freeze({ files: [], cut: [], skipped: [] });

/**
 * Parses the files read, in order, and caps them: each at `MAX_INSTRUCTION_FILE_CHARS`, all
 * together at `MAX_INSTRUCTION_CHARS` (a file past what is left is cut to it, or skipped when
 * nothing is left), so that instruction files can never crowd the code out of a request.
 */
export function collectInstructionFiles(sources: InstructionFileSources): InstructionFiles {
  const files: InstructionFile[] = [];
  const cut: InstructionFileSkip[] = [];
  const skipped = [...sources.skipped];
  let left = MAX_INSTRUCTION_CHARS;
  for (const source of sources.files) {
    const parsed = parseInstructionFile(source.path, source.bytes);
    if ("reason" in parsed) {
      skipped.push(parsed);
      continue;
    }
    if (left === 0) {
      skipped.push({ path: parsed.path, reason: `the instruction files before it already hold the ${MAX_INSTRUCTION_CHARS.toLocaleString("en-US")} characters all may have together` });
      continue;
    }
    const room = Math.min(MAX_INSTRUCTION_FILE_CHARS, left);
    if (parsed.text.length > room) {
      const limit = room === MAX_INSTRUCTION_FILE_CHARS ? "the most one file may have" : `what was left of the ${MAX_INSTRUCTION_CHARS.toLocaleString("en-US")} all files may have together`;
      cut.push({ path: parsed.path, reason: `cut to its first ${room.toLocaleString("en-US")} of ${parsed.text.length.toLocaleString("en-US")} characters (${limit})` });
    }
    const text = cutText(parsed.text, room);
    files.push({ ...parsed, text });
    left -= text.length;
  }
  return { files, cut, skipped };
}

// Never ends on half of a surrogate pair.
function cutText(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const kept = text.slice(0, chars);
  return /[\uD800-\uDBFF]$/.test(kept) ? kept.slice(0, -1) : kept;
}
