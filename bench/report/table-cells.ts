import type { BenchSection } from "../bench-section.js";
import { formatCell, isFigure } from "./format-cell.js";

/** A section's table as text cells: the header (every key, in order of first use) and one line per row. */
export function tableCells(section: BenchSection): { header: string[]; lines: string[][]; rightAligned: boolean[] } {
  const header = [...new Set(section.rows.flatMap((row) => Object.keys(row)))];
  const lines = section.rows.map((row) => header.map((key) => formatCell(row[key])));
  const rightAligned = header.map((_, column) => lines.every((line) => isFigure(line[column] ?? "")));
  return { header, lines, rightAligned };
}
