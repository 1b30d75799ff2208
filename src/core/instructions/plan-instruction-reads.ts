/** The repository-wide instruction file teams keep for GitHub's own reviewer. */
export const COPILOT_INSTRUCTIONS_PATH = ".github/copilot-instructions.md";
/** The folder of path-scoped instruction files (`NAME.instructions.md`, subfolders allowed). */
export const INSTRUCTIONS_DIR = ".github/instructions";
const SCOPED_SUFFIX = ".instructions.md";

/** Largest instruction file read at all; a larger one is skipped unread (real ones are a few KiB). */
export const MAX_INSTRUCTION_FILE_BYTES = 64 * 1024;
/** Most instruction files read; the rest are named as skipped. */
export const MAX_INSTRUCTION_FILES = 20;

/** A file the shell found at one of the instruction paths on the trusted ref, before reading it. */
export interface InstructionFileEntry {
  /** Its path from the repository root. */
  path: string;
  /** Its size in bytes, as the listing states it. */
  size: number;
  /** Only regular files are read: a symbolic link could point anywhere in the repository. */
  kind: "file" | "symlink" | "other";
}

/** An instruction file not used, and why (our words; never its content). */
export interface InstructionFileSkip {
  path: string;
  reason: string;
}

export interface InstructionReadPlan {
  /** The paths to read, repository-wide file first, then by path. */
  read: string[];
  skipped: InstructionFileSkip[];
}

/**
 * Which of the listed files to read: the repository-wide file and every `*.instructions.md` under
 * the instructions folder (other files there are not instructions and pass unmentioned), within
 * the size and count limits, so that a listing alone decides what is fetched.
 */
export function planInstructionReads(entries: readonly InstructionFileEntry[]): InstructionReadPlan {
  const wanted = entries
    .filter((entry) => entry.path === COPILOT_INSTRUCTIONS_PATH || (entry.path.startsWith(`${INSTRUCTIONS_DIR}/`) && entry.path.endsWith(SCOPED_SUFFIX)))
    .sort((a, b) => (a.path === COPILOT_INSTRUCTIONS_PATH ? -1 : b.path === COPILOT_INSTRUCTIONS_PATH ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const read: string[] = [];
  const skipped: InstructionFileSkip[] = [];
  for (const entry of wanted) {
    if (entry.kind !== "file") skipped.push({ path: entry.path, reason: entry.kind === "symlink" ? "a symbolic link (only regular files are read)" : "not a regular file" });
    else if (entry.size > MAX_INSTRUCTION_FILE_BYTES) skipped.push({ path: entry.path, reason: `${Math.ceil(entry.size / 1024)} KiB, over the ${MAX_INSTRUCTION_FILE_BYTES / 1024} KiB an instruction file may have` });
    else if (read.length >= MAX_INSTRUCTION_FILES) skipped.push({ path: entry.path, reason: `more than ${MAX_INSTRUCTION_FILES} instruction files; the first ${MAX_INSTRUCTION_FILES} by path are used` });
    else read.push(entry.path);
  }
  return { read, skipped };
}
