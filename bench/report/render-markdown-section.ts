import type { BenchSection } from "../bench-section.js";
import { tableCells } from "./table-cells.js";

/** A section for the README: a heading, a markdown table and its notes as a list. */
export function renderMarkdownSection(section: BenchSection): string {
  const { header, lines, rightAligned } = tableCells(section);
  const render = (cells: string[]) => `| ${cells.map((cell) => cell.replaceAll("|", "\\|")).join(" | ")} |`;
  return [
    `### ${section.title}`,
    "",
    render(header),
    `|${rightAligned.map((right) => (right ? "---:" : "---")).join("|")}|`,
    ...lines.map(render),
    ...(section.notes?.length ? ["", ...section.notes.map((note) => `- ${note}`)] : []),
  ].join("\n");
}
