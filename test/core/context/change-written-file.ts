import { parsePatch } from "../../../src/core/diff/parse-patch.js";
import type { FilePatch } from "../../../src/core/types.js";

// Shared by the tests that write small repositories in memory and change one line of them.

/** A patch that replaces line `line` of `path` (whose head text is in `files`) with itself, so the line counts as changed. */
export function changeLine(files: ReadonlyMap<string, string>, path: string, line: number, before = "  return 0;"): FilePatch {
  const head = files.get(path)!.split("\n")[line - 1]!;
  return parsePatch({ path, status: "modified", additions: 1, deletions: 1, patch: `@@ -${line},1 +${line},1 @@\n-${before}\n+${head}` });
}

/** A file's text from its lines. */
export const lines = (text: readonly string[]) => `${text.join("\n")}\n`;
