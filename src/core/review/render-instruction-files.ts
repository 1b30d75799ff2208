import type { InstructionFileSkip } from "../instructions/plan-instruction-reads.js";
import { renderCodeSpan } from "./render-code-span.js";

/** Which instruction files a review followed, and which were cut or not used (names and our reasons only). */
export interface InstructionFilesNote {
  applied: readonly string[];
  cut: readonly InstructionFileSkip[];
  skipped: readonly InstructionFileSkip[];
}

/** The summary's lines on instruction files; "" when the repository has none. */
export function renderInstructionFiles(note: InstructionFilesNote | undefined): string {
  if (!note || note.applied.length + note.cut.length + note.skipped.length === 0) return "";
  const followed = note.applied.length > 0 ? `📋 Instruction files followed: ${note.applied.map(renderCodeSpan).join(", ")}.` : "📋 No instruction file applied to the files reviewed.";
  const notes = [
    ...note.cut.map((file) => `- ${renderCodeSpan(file.path)} ${file.reason}`),
    ...note.skipped.map((file) => `- ${renderCodeSpan(file.path)} not used: ${file.reason}`),
  ];
  return [followed, ...notes].join("\n");
}
