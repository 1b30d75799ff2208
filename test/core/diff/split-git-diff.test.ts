import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { parseNameStatus, splitGitDiff } from "../../../src/core/diff/split-git-diff.js";

// Recorded from a real repository: a deletion, a binary change, an edit, a pure rename and an
// added file whose name has a space.
const nameStatus = readFileSync("test/fixtures/git/mixed.name-status", "utf8");
const diff = readFileSync("test/fixtures/git/mixed.diff", "utf8");

describe("splitGitDiff", () => {
  it("turns a local git diff into the per-file changes GitHub would list", () => {
    const files = splitGitDiff(parseNameStatus(nameStatus), diff);

    expect(files).toEqual([
      { path: "gone.py", status: "removed", additions: 0, deletions: 1, patch: "@@ -1 +0,0 @@\n-old" },
      { path: "img.bin", status: "modified", additions: 0, deletions: 0 },
      { path: "keep.ts", status: "modified", additions: 2, deletions: 1, patch: "@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\n+d" },
      { path: "moved.go", previousPath: "move.go", status: "renamed", additions: 0, deletions: 0 },
      { path: "with space.md", status: "added", additions: 1, deletions: 0, patch: "@@ -0,0 +1 @@\n+new file" },
    ]);
  });

  it("refuses output whose file count does not match instead of pairing the wrong diffs", () => {
    expect(() => splitGitDiff(parseNameStatus(nameStatus).slice(1), diff)).toThrow(/listed 4 files but wrote 5 diffs/);
  });
});
