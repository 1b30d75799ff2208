import type { DiffLine, FilePatch } from "../types.js";

/** How `numberHunks` output reads, for the prompt that shows it to the model. */
export const HUNK_FORMAT_NOTE =
  'Each diff line starts with the line to cite, then "+" (added), "-" (deleted) or a space (unchanged), then the code: ' +
  '"R<n>" is line n of the new file (cite it with side RIGHT and line n), "L<n>" is line n of the old file, shown only for deleted lines (side LEFT). ' +
  'A range (startLine..line) must stay within one hunk, the lines under one "@@" header.';

/**
 * Renders a file's hunks for the prompt, every line prefixed with the side and number to cite:
 *
 * ```
 * @@ -8,4 +8,5 @@ export function load() {
 * R 8     const a = 1;
 * L 9 -   const b = 2;
 * R 9 +   const b = 3;
 * R10 +   const c = 4;
 * R11     return a;
 * ```
 *
 * That is: side letter, number right-aligned to the widest in the file, a space, "+", "-" or " ",
 * a space, the line as it is. `R<n>` is line n of the new file (added or unchanged), `L<n>` line n
 * of the old file (deleted). "\ No newline at end of file" is dropped; no hunks render as "".
 */
export function numberHunks(patch: FilePatch): string {
  const width = patch.hunks.reduce(
    (widest, hunk) => hunk.lines.reduce((w, line) => Math.max(w, String(citedLine(line)).length), widest),
    1,
  );
  return patch.hunks
    .flatMap((hunk) => [hunk.header, ...hunk.lines.map((line) => renderLine(line, width))])
    .join("\n");
}

function renderLine(line: DiffLine, width: number): string {
  const side = line.kind === "del" ? "L" : "R";
  const sign = line.kind === "add" ? "+" : line.kind === "del" ? "-" : " ";
  return `${side}${String(citedLine(line)).padStart(width)} ${sign} ${line.content}`;
}

// Unchanged lines are cited by their new number: a comment there reads against the code as it will be.
function citedLine(line: DiffLine): number {
  const cited = line.kind === "del" ? line.oldLine : line.newLine;
  if (cited === undefined) throw new Error(`a ${line.kind} line has no ${line.kind === "del" ? "old" : "new"} line number; build hunks with parsePatch`);
  return cited;
}
