import type { FakeFile } from "../../test/helpers/fake-github.js";

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@ ?(.*)$/;

/**
 * The repository at the head commit as far as the patches show it: each changed file's new text
 * with the hunks' context and added lines at their numbers and blank lines between them, so the
 * related-code step parses and ranks real files of the size the pull request implies. The
 * function GitHub names after a hunk header is written on the line above the hunk (and closed
 * after it in brace languages), so the change has an enclosing definition whose callers are searched.
 */
export function buildHeadTree(files: readonly FakeFile[]): Record<string, string> {
  const tree: Record<string, string> = {};
  for (const file of files) {
    if (file.status === "removed" || file.patch === undefined) continue;
    const braces = !file.filename.endsWith(".py");
    const lines: string[] = [];
    const put = (line: number, text: string) => {
      while (lines.length < line - 1) lines.push("");
      lines[line - 1] = text;
    };
    let next = 0;
    const close = () => {
      if (braces && next > 0 && lines[next - 2] !== "}" && !lines[next - 1]) put(next, "}");
    };
    for (const line of file.patch.split("\n")) {
      const header = HUNK_HEADER.exec(line);
      if (header) {
        close();
        next = Number(header[1]);
        if (header[2] && next > 1 && !lines[next - 2]) put(next - 1, header[2]);
      } else if (next > 0 && (line.startsWith(" ") || line.startsWith("+"))) {
        put(next, line.slice(1));
        next += 1;
      }
    }
    close();
    tree[file.filename] = `${lines.join("\n")}\n`;
  }
  return tree;
}
