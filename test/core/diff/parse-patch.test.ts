import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PatchParseError, parsePatch } from "../../../src/core/diff/parse-patch.js";
import type { ChangedFile, DiffLine, FileStatus } from "../../../src/core/types.js";

/** A fixture as GitHub sends it: GitHub's per-file patch has no final newline. */
function fixture(name: string): string {
  return readFileSync(join(process.cwd(), "test/fixtures/patches", name), "utf8").replace(/\n$/, "");
}

function changed(patch: string | undefined, status: FileStatus = "modified", extra: Partial<ChangedFile> = {}): ChangedFile {
  return { path: "src/file.ts", status, additions: 1, deletions: 1, patch, ...extra };
}

/** Lines as compact tuples [kind, oldLine, newLine, content] so a table reads like the diff. */
function rows(lines: DiffLine[]): Array<[DiffLine["kind"], number | undefined, number | undefined, string]> {
  return lines.map((line) => [line.kind, line.oldLine, line.newLine, line.content]);
}

describe("parsePatch", () => {
  it("numbers context, added and deleted lines across two hunks of GitHub's header-less patch", () => {
    const { hunks } = parsePatch(changed(fixture("modified-two-hunks.patch")));

    expect(hunks.map(({ lines: _lines, ...hunk }) => hunk)).toEqual([
      { header: '@@ -3,7 +3,8 @@ import { readFile } from "node:fs/promises";', oldStart: 3, oldLines: 7, newStart: 3, newLines: 8 },
      { header: "@@ -20,6 +21,5 @@ export function mergeConfig(base: Config, override: Partial<Config>) {", oldStart: 20, oldLines: 6, newStart: 21, newLines: 5 },
    ]);
    expect(rows(hunks[0]!.lines)).toEqual([
      ["context", 3, 3, 'import { parse } from "yaml";'],
      ["context", 4, 4, ""],
      ["context", 5, 5, "export async function loadConfig(path: string) {"],
      ["del", 6, undefined, '  const text = await readFile(path, "utf8");'],
      ["add", undefined, 6, '  const text = await readFile(path, { encoding: "utf8" });'],
      ["add", undefined, 7, '  if (text.trim() === "") return {};'],
      ["context", 7, 8, "  return parse(text);"],
      ["context", 8, 9, "}"],
      ["context", 9, 10, ""],
    ]);
    expect(rows(hunks[1]!.lines)).toEqual([
      ["context", 20, 21, "  return {"],
      ["context", 21, 22, "    ...base,"],
      ["context", 22, 23, "    ...override,"],
      ["del", 23, undefined, "    rules: [...base.rules],"],
      ["context", 24, 24, "  };"],
      ["context", 25, 25, "}"],
    ]);
  });

  it("numbers an added file from line 1 and ignores the no-newline marker", () => {
    const patch = parsePatch(changed(fixture("added-file.patch"), "added", { additions: 4, deletions: 0 }));

    expect(patch.hunks).toHaveLength(1);
    expect(patch.hunks[0]).toMatchObject({ oldStart: 0, oldLines: 0, newStart: 1, newLines: 4 });
    expect(rows(patch.hunks[0]!.lines)).toEqual([
      ["add", undefined, 1, "export function greet(name: string): string {"],
      ["add", undefined, 2, "  return `Hello, ${name}!`;"],
      ["add", undefined, 3, "}"],
      ["add", undefined, 4, 'export const VERSION = "1.0.0";'],
    ]);
  });

  it("makes every line of a removed file a deletion with its old number", () => {
    const patch = parsePatch(changed(fixture("removed-file.patch"), "removed", { additions: 0, deletions: 3 }));

    expect(patch.status).toBe("removed");
    expect(patch.hunks[0]).toMatchObject({ oldStart: 1, oldLines: 3, newStart: 0, newLines: 0 });
    expect(rows(patch.hunks[0]!.lines)).toEqual([
      ["del", 1, undefined, "#!/bin/sh"],
      ["del", 2, undefined, "set -e"],
      ["del", 3, undefined, 'exec node dist/main.js "$@"'],
    ]);
  });

  it("does not count '\\ No newline at end of file' as a line or let it shift later numbers", () => {
    const { hunks } = parsePatch(changed(fixture("no-newline-at-eof.patch")));

    expect(rows(hunks[0]!.lines)).toEqual([
      ["context", 8, 8, "## License"],
      ["context", 9, 9, ""],
      ["del", 10, undefined, "MIT"],
      ["add", undefined, 10, "MIT"],
      ["add", undefined, 11, ""],
    ]);
  });

  it("reads hunk lines starting with '---' or '+++' as content, not as file headers", () => {
    const { hunks } = parsePatch(changed(fixture("content-like-headers.patch")));

    expect(hunks.map((hunk) => hunk.header)).toEqual(["@@ -1,4 +1,4 @@", "@@ -10,3 +10,3 @@ CREATE TABLE orders ("]);
    expect(rows(hunks[0]!.lines).slice(0, 3)).toEqual([
      ["del", 1, undefined, "-- users table, version 1"],
      ["add", undefined, 1, "++ Users table (version 2) +++"],
      ["context", 2, 2, "CREATE TABLE users ("],
    ]);
    expect(rows(hunks[1]!.lines)).toEqual([
      ["context", 10, 10, "  total NUMERIC(10, 2)"],
      ["context", 11, 11, ");"],
      ["del", 12, undefined, "-- end of schema"],
      ["add", undefined, 12, "++ end of schema ++"],
    ]);
  });

  it("keeps non-ASCII text intact", () => {
    const { hunks } = parsePatch(changed(fixture("non-ascii.patch")));

    expect(rows(hunks[0]!.lines)).toEqual([
      ["context", 1, 1, "# Café menu ☕"],
      ["del", 2, undefined, "Grüße aus Köln"],
      ["add", undefined, 2, "こんにちは、世界 🌍"],
      ["add", undefined, 3, "Привет, мир"],
      ["context", 3, 4, "— fin —"],
    ]);
  });

  it("reads omitted hunk counts as one line and keeps empty ranges where the header puts them", () => {
    const { hunks } = parsePatch(changed(fixture("omitted-counts.patch")));

    expect(hunks.map(({ header: _header, ...hunk }) => ({ ...hunk, lines: rows(hunk.lines) }))).toEqual([
      { oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, lines: [["del", 1, undefined, "VERSION=1.2.3"], ["add", undefined, 1, "VERSION=1.3.0"]] },
      { oldStart: 5, oldLines: 0, newStart: 6, newLines: 1, lines: [["add", undefined, 6, "export NODE_ENV=production"]] },
      { oldStart: 9, oldLines: 1, newStart: 9, newLines: 0, lines: [["del", 9, undefined, "unset DEBUG"]] },
    ]);
  });

  it.each([
    ["LF header, CRLF content (GitHub's patch of a CRLF file)", "@@ -1,3 +1,3 @@ Sub Main()\n Dim x\r\n-x = 1\r\n+x = 2\r\n \r\n"],
    ["the whole diff in CRLF, blank context line without its space", "@@ -1,3 +1,3 @@ Sub Main()\r\n Dim x\r\n-x = 1\r\n+x = 2\r\n\r\n"],
  ])("strips CR from content and keeps numbering right: %s", (_name, text) => {
    const { hunks } = parsePatch(changed(text));

    expect(hunks[0]!.header).toBe("@@ -1,3 +1,3 @@ Sub Main()");
    expect(rows(hunks[0]!.lines)).toEqual([
      ["context", 1, 1, "Dim x"],
      ["del", 2, undefined, "x = 1"],
      ["add", undefined, 2, "x = 2"],
      ["context", 3, 3, ""],
    ]);
  });

  it("accepts `git diff` output for one file, headers included", () => {
    const { hunks } = parsePatch(changed(readFileSync(join(process.cwd(), "test/fixtures/patches/git-diff-one-file.patch"), "utf8")));

    expect(hunks).toHaveLength(1);
    expect(rows(hunks[0]!.lines)).toEqual([
      ["context", 1, 1, "export function add(a: number, b: number): number {"],
      ["del", 2, undefined, "  return a - b;"],
      ["add", undefined, 2, "  return a + b;"],
      ["context", 3, 3, "}"],
      ["context", 4, 4, ""],
    ]);
  });

  it("keeps a renamed file's previous path alongside its hunks", () => {
    const file = changed(fixture("git-diff-rename.patch"), "renamed", { path: "lib/new-name.js", previousPath: "lib/old-name.js" });

    const patch = parsePatch(file);

    expect(patch).toMatchObject({ path: "lib/new-name.js", previousPath: "lib/old-name.js", status: "renamed", additions: 1, deletions: 1 });
    expect(rows(patch.hunks[0]!.lines).slice(0, 2)).toEqual([
      ["del", 1, undefined, "module.exports = function oldName() {"],
      ["add", undefined, 1, "module.exports = function newName() {"],
    ]);
  });

  it.each([
    ["a binary or oversize file (no patch)", changed(undefined, "modified", { path: "assets/logo.png", additions: 0, deletions: 0 })],
    ["a rename without changes", changed(undefined, "renamed", { path: "b.ts", previousPath: "a.ts", additions: 0, deletions: 0 })],
    ["an empty patch", changed("", "renamed", { path: "b.ts", previousPath: "a.ts", additions: 0, deletions: 0 })],
  ])("gives no hunks, but keeps the file's facts, for %s", (_name, file) => {
    const { patch: _patch, ...facts } = file;

    expect(parsePatch(file)).toEqual({ ...facts, hunks: [] });
  });

  it.each([
    ["a line that is not part of a hunk", "@@ -1,2 +1,2 @@\n-const apiKey = 'sk-live-123';\nconst apiKey = 'sk-live-456';"],
    ["counts that do not match the lines", "@@ -1,3 +1,3 @@\n-const apiKey = 'sk-live-123';\n+const apiKey = 'sk-live-456';"],
    ["the diffs of two files", "--- a/x.ts\n+++ b/x.ts\n@@ -1 +1 @@\n-a\n+b\n--- a/y.ts\n+++ b/y.ts\n@@ -1 +1 @@\n-c\n+d\n"],
  ])("throws a PatchParseError naming the file but quoting no code for %s", (_name, text) => {
    const attempt = () => parsePatch(changed(text));

    expect(attempt).toThrow(PatchParseError);
    expect(attempt).toThrow(/^The diff of src\/file\.ts could not be parsed: /);
    expect(attempt).not.toThrow(/sk-live|apiKey/);
  });
});
