import { describe, expect, it } from "@jest/globals";
import { collectInstructionFiles, MAX_INSTRUCTION_CHARS, MAX_INSTRUCTION_FILE_CHARS } from "../../../src/core/instructions/collect-instruction-files.js";
import { planInstructionReads, MAX_INSTRUCTION_FILES } from "../../../src/core/instructions/plan-instruction-reads.js";
import { selectInstructionFiles } from "../../../src/core/instructions/select-instruction-files.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const scoped = (glob: string, text: string) => bytes(`---\napplyTo: "${glob}"\n---\n${text}`);
const WIDE = ".github/copilot-instructions.md";

describe("planInstructionReads", () => {
  it("reads the repository-wide file first, then each *.instructions.md by path; other files pass unmentioned", () => {
    const file = (path: string, size = 100) => ({ path, size, kind: "file" as const });
    const plan = planInstructionReads([
      file(".github/instructions/web/a11y.instructions.md"),
      file(".github/instructions/README.md"),
      file(".github/instructions/api.instructions.md"),
      file(WIDE),
      file(".github/workflows/ci.yml"),
    ]);
    expect(plan).toEqual({ read: [WIDE, ".github/instructions/api.instructions.md", ".github/instructions/web/a11y.instructions.md"], skipped: [] });
  });

  it.each([
    ["a symbolic link", { path: WIDE, size: 20, kind: "symlink" as const }, "a symbolic link (only regular files are read)"],
    ["a submodule or other entry", { path: ".github/instructions/x.instructions.md", size: 0, kind: "other" as const }, "not a regular file"],
    ["a file over 64 KiB", { path: ".github/instructions/x.instructions.md", size: 200_000, kind: "file" as const }, "196 KiB, over the 64 KiB an instruction file may have"],
  ])("skips %s unread, saying why", (_case, entry, reason) => {
    expect(planInstructionReads([entry])).toEqual({ read: [], skipped: [{ path: entry.path, reason }] });
  });

  it(`reads at most ${MAX_INSTRUCTION_FILES} files and names the rest`, () => {
    const entries = Array.from({ length: MAX_INSTRUCTION_FILES + 2 }, (_, i) => ({ path: `.github/instructions/f${String(i).padStart(2, "0")}.instructions.md`, size: 10, kind: "file" as const }));
    const plan = planInstructionReads(entries);
    expect(plan.read).toHaveLength(MAX_INSTRUCTION_FILES);
    expect(plan.skipped).toEqual([20, 21].map((i) => ({ path: `.github/instructions/f${i}.instructions.md`, reason: "more than 20 instruction files; the first 20 by path are used" })));
  });
});

describe("collectInstructionFiles", () => {
  it("keeps the files it can use and says why each other one is not used", () => {
    const collected = collectInstructionFiles({
      files: [
        { path: WIDE, bytes: bytes("Prefer early returns.") },
        { path: ".github/instructions/sql.instructions.md", bytes: scoped("migrations/**", "Every migration must be reversible.") },
        { path: ".github/instructions/bad.instructions.md", bytes: bytes("no front matter") },
      ],
      skipped: [{ path: ".github/instructions/big.instructions.md", reason: "100 KiB, over the 64 KiB an instruction file may have" }],
    });
    expect(collected).toEqual({
      files: [
        { path: WIDE, applyTo: "all", text: "Prefer early returns." },
        { path: ".github/instructions/sql.instructions.md", applyTo: ["migrations/**"], text: "Every migration must be reversible." },
      ],
      cut: [],
      skipped: [
        { path: ".github/instructions/big.instructions.md", reason: "100 KiB, over the 64 KiB an instruction file may have" },
        { path: ".github/instructions/bad.instructions.md", reason: "its front matter has no `applyTo` globs" },
      ],
    });
  });

  it(`cuts a file to ${MAX_INSTRUCTION_FILE_CHARS} characters and all together to ${MAX_INSTRUCTION_CHARS}, then skips the rest`, () => {
    const long = (letter: string) => letter.repeat(9_000);
    const collected = collectInstructionFiles({
      files: ["a", "b", "c"].map((letter) => ({ path: `.github/instructions/${letter}.instructions.md`, bytes: scoped("**", long(letter)) })),
      skipped: [],
    });
    expect(collected.files.map((file) => file.text.length)).toEqual([8_000, 8_000]);
    expect(collected.cut).toEqual([
      { path: ".github/instructions/a.instructions.md", reason: "cut to its first 8,000 of 9,000 characters (the most one file may have)" },
      { path: ".github/instructions/b.instructions.md", reason: "cut to its first 8,000 of 9,000 characters (the most one file may have)" },
    ]);
    expect(collected.skipped).toEqual([{ path: ".github/instructions/c.instructions.md", reason: "the instruction files before it already hold the 16,000 characters all may have together" }]);
  });

  it("cuts the file that passes the total to what is left, never through a surrogate pair", () => {
    const collected = collectInstructionFiles({
      files: [
        { path: WIDE, bytes: bytes("w".repeat(7_999)) },
        { path: ".github/instructions/a.instructions.md", bytes: scoped("**", "a".repeat(7_000)) },
        { path: ".github/instructions/b.instructions.md", bytes: scoped("**", `${"b".repeat(1_000)}😀😀`) },
      ],
      skipped: [],
    });
    expect(collected.files.map((file) => file.text.length)).toEqual([7_999, 7_000, 1_000]);
    expect(collected.cut).toEqual([{ path: ".github/instructions/b.instructions.md", reason: "cut to its first 1,001 of 1,004 characters (what was left of the 16,000 all files may have together)" }]);
  });
});

describe("selectInstructionFiles", () => {
  const files = [
    { path: WIDE, applyTo: "all" as const, text: "w" },
    { path: ".github/instructions/sql.instructions.md", applyTo: ["migrations/**"], text: "m" },
    { path: ".github/instructions/ts.instructions.md", applyTo: ["**/*.ts", "**/*.tsx"], text: "t" },
    { path: ".github/instructions/root.instructions.md", applyTo: ["*.py"], text: "p" },
  ];
  it.each([
    [["migrations/001.sql"], [WIDE, ".github/instructions/sql.instructions.md"]],
    [["web/page.tsx", "README.md"], [WIDE, ".github/instructions/ts.instructions.md"]],
    [["index.ts"], [WIDE, ".github/instructions/ts.instructions.md"]],
    [["setup.py"], [WIDE, ".github/instructions/root.instructions.md"]],
    [["tools/setup.py"], [WIDE]],
    ["all" as const, files.map((file) => file.path)],
  ])("for %j", (paths, expected) => {
    expect(selectInstructionFiles(files, paths).map((file) => file.path)).toEqual(expected);
  });
});
