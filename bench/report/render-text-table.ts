import type { BenchSection } from "../bench-section.js";
import { tableCells } from "./table-cells.js";

/** A section for the terminal: title, columns padded to line up, notes below. */
export function renderTextTable(section: BenchSection): string {
  const { header, lines, rightAligned } = tableCells(section);
  const widths = header.map((key, column) => Math.max(key.length, ...lines.map((line) => (line[column] ?? "").length)));
  const render = (cells: string[]) =>
    cells
      .map((cell, column) => (rightAligned[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join("  ")
      .trimEnd();
  return [
    section.title,
    "=".repeat(section.title.length),
    render(header),
    render(widths.map((width) => "-".repeat(width))),
    ...lines.map(render),
    ...(section.notes ?? []).map((note) => `* ${note}`),
  ].join("\n");
}
