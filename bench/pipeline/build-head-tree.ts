import type { FakeFile } from "../../test/helpers/fake-github.js";

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/**
 * The repository at the head commit as far as the patches show it: each changed file's new text
 * with the hunks' context and added lines at their numbers and blank lines between them, so the
 * related-code step parses and ranks real files of the size the pull request implies.
 */
export function buildHeadTree(files: readonly FakeFile[]): Record<string, string> {
  const tree: Record<string, string> = {};
  for (const file of files) {
    if (file.status === "removed" || file.patch === undefined) continue;
    const lines: string[] = [];
    let next = 0;
    for (const line of file.patch.split("\n")) {
      const header = HUNK_HEADER.exec(line);
      if (header) next = Number(header[1]);
      else if (next > 0 && (line.startsWith(" ") || line.startsWith("+"))) {
        while (lines.length < next - 1) lines.push("");
        lines[next - 1] = line.slice(1);
        next += 1;
      }
    }
    tree[file.filename] = `${lines.join("\n")}\n`;
  }
  return tree;
}
