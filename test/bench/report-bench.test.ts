import { describe, expect, it } from "@jest/globals";
import type { BenchSection } from "../../bench/bench-section.js";
import { renderMarkdownSection } from "../../bench/report/render-markdown-section.js";
import { renderTextTable } from "../../bench/report/render-text-table.js";
import { updateBenchBlock } from "../../bench/report/update-bench-block.js";

const section: BenchSection = {
  title: "Review pipeline by PR size",
  rows: [
    { metric: "files reviewed / skipped", "5 files": "3 / 2", "3000 files": "278 / 2722" },
    { metric: "prompt tokens", "5 files": 2662, "3000 files": 242799 },
    { metric: "route | with a pipe", "5 files": "GET", "3000 files": 1 },
  ],
  notes: ["Medians of 3 reviews."],
};

describe("bench report", () => {
  it("prints a section as a text table: figures right-aligned, thousands separated", () => {
    expect(renderTextTable(section)).toBe(
      [
        "Review pipeline by PR size",
        "==========================",
        "metric                    5 files  3000 files",
        "------------------------  -------  ----------",
        "files reviewed / skipped  3 / 2    278 / 2722",
        "prompt tokens             2,662       242,799",
        "route | with a pipe       GET               1",
        "* Medians of 3 reviews.",
      ].join("\n"),
    );
  });

  it("renders a section as markdown with escaped pipes and its notes", () => {
    expect(renderMarkdownSection(section)).toBe(
      [
        "### Review pipeline by PR size",
        "",
        "| metric | 5 files | 3000 files |",
        "|---|---|---:|",
        "| files reviewed / skipped | 3 / 2 | 278 / 2722 |",
        "| prompt tokens | 2,662 | 242,799 |",
        "| route \\| with a pipe | GET | 1 |",
        "",
        "- Medians of 3 reviews.",
      ].join("\n"),
    );
  });

  it("rewrites only the README's bench block, replacing measured sections and keeping the others in order", () => {
    const readme = ["# P", "<!-- bench:start -->", "<!-- bench:section redaction -->", "old redaction", "", "<!-- bench:section pipeline -->", "old pipeline", "<!-- bench:end -->", "after"].join("\n");
    const updated = updateBenchBlock(readme, new Map([["pipeline", "new pipeline"]]), ["pipeline", "redaction"]);
    expect(updated).toBe(
      ["# P", "<!-- bench:start -->", "<!-- bench:section pipeline -->", "new pipeline", "", "<!-- bench:section redaction -->", "old redaction", "<!-- bench:end -->", "after"].join("\n"),
    );
    expect(updateBenchBlock(updated, new Map([["pipeline", "new pipeline"]]), ["pipeline", "redaction"])).toBe(updated);
  });

  it("replaces the placeholder text of a block without sections", () => {
    const readme = "<!-- bench:start -->\n(figures are filled in by the latest `npm run bench`)\n<!-- bench:end -->\n";
    expect(updateBenchBlock(readme, new Map([["pipeline", "table"]]), ["pipeline"])).toBe("<!-- bench:start -->\n<!-- bench:section pipeline -->\ntable\n<!-- bench:end -->\n");
  });

  it("refuses a README without the markers", () => {
    expect(() => updateBenchBlock("# P\n", new Map(), ["pipeline"])).toThrow("README.md has no <!-- bench:start --> ... <!-- bench:end --> block");
  });
});
