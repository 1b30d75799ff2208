import { describe, expect, it } from "@jest/globals";
import { buildLineMap } from "../../../src/core/diff/build-line-map.js";
import { parsePatch } from "../../../src/core/diff/parse-patch.js";
import { selectChangedHunks } from "../../../src/core/review/select-changed-hunks.js";
import { lineKey, type ChangedFile } from "../../../src/core/types.js";

// The pull request's diff of src/app.ts (base → head): a change near the top (new lines 1-5) and
// an addition further down (new lines 21-24).
const TOP_HUNK = ["@@ -1,4 +1,5 @@", " import { a } from './a';", "-const limit = 1;", "+const limit = 2;", "+const floor = 0;", " export function run() {", "   return a(limit);"].join("\n");
const LOWER_HUNK = ["@@ -20,3 +21,4 @@", " function log(text) {", "+  if (!text) return;", "   console.log(text);", " }"].join("\n");
const PR_FILE: ChangedFile = { path: "src/app.ts", status: "modified", additions: 3, deletions: 1, patch: `${TOP_HUNK}\n${LOWER_HUNK}` };

/** A file of the comparison (last reviewed commit → head) with one hunk. */
const since = (patch: string | undefined, extra: Partial<ChangedFile> = {}): ChangedFile => ({
  path: "src/app.ts",
  status: "modified",
  additions: patch ? patch.split("\n").filter((line) => line.startsWith("+")).length : 0,
  deletions: patch ? patch.split("\n").filter((line) => line.startsWith("-")).length : 0,
  ...(patch === undefined ? {} : { patch }),
  ...extra,
});

describe("selectChangedHunks", () => {
  it.each([
    ["an added line inside the lower hunk", ["@@ -19,3 +21,4 @@", " function log(text) {", "+  if (!text) return;", "   console.log(text);", " }"].join("\n"), [LOWER_HUNK]],
    ["a changed line inside the top hunk", ["@@ -1,3 +1,3 @@", " import { a } from './a';", "-const limit = 3;", "+const limit = 2;", " const floor = 0;"].join("\n"), [TOP_HUNK]],
    ["a context line of the top hunk that a push changed back to the base's text", ["@@ -4,2 +4,2 @@", "-export function run(x) {", "+export function run() {", "   return a(limit);"].join("\n"), [TOP_HUNK]],
    ["a removal between new lines 19 and 20, a line short of the lower hunk", ["@@ -18,3 +19,2 @@", " const z = 1;", "-const gone = 2;", " const y = 3;"].join("\n"), []],
    ["a removal between new lines 20 and 21, next to the lower hunk", ["@@ -19,3 +20,2 @@", " const y = 3;", "-const gone = 2;", " function log(text) {"].join("\n"), [LOWER_HUNK]],
    ["a removal far from both hunks (a line added earlier, then taken out again)", ["@@ -9,3 +10,2 @@", " const q = 1;", "-const tmp = 2;", " const r = 3;"].join("\n"), []],
    ["changes in both hunks", ["@@ -2,1 +2,1 @@", "-const limit = 3;", "+const limit = 2;", "@@ -20,1 +22,1 @@", "-  if (text === '') return;", "+  if (!text) return;"].join("\n"), [TOP_HUNK, LOWER_HUNK]],
  ])("%s", (_name, sincePatch, expectedHunks) => {
    const result = selectChangedHunks([PR_FILE], [since(sincePatch)]);

    if (expectedHunks.length === 0) {
      expect(result).toEqual({ files: [], hunks: 0, ofHunks: 2 });
      return;
    }
    const expectedPatch = expectedHunks.join("\n");
    const lines = expectedPatch.split("\n");
    expect(result).toEqual({
      files: [
        {
          ...PR_FILE,
          patch: expectedPatch,
          additions: lines.filter((line) => line.startsWith("+")).length,
          deletions: lines.filter((line) => line.startsWith("-")).length,
        },
      ],
      hunks: expectedHunks.length,
      ofHunks: 2,
    });
  });

  it("keeps the pull request's own hunk, so comments anchor only to lines of its diff", () => {
    const result = selectChangedHunks([PR_FILE], [since(["@@ -19,3 +21,4 @@", " function log(text) {", "+  if (!text) return;", "   console.log(text);", " }"].join("\n"))]);
    const lineMap = buildLineMap([parsePatch(result.files[0]!)]).get("src/app.ts")!;

    expect([...lineMap.keys()].sort()).toEqual([lineKey("LEFT", 20), lineKey("LEFT", 21), lineKey("LEFT", 22), lineKey("RIGHT", 21), lineKey("RIGHT", 22), lineKey("RIGHT", 23), lineKey("RIGHT", 24)].sort());
  });

  it.each<[string, ChangedFile[], ChangedFile[], ChangedFile[]]>([
    ["a file the pushes since did not touch is left out", [PR_FILE], [{ ...since("@@ -1 +1 @@\n-a\n+b"), path: "README.md" }], []],
    ["a file whose newer diff GitHub did not give (too large) is kept whole", [PR_FILE], [since(undefined, { additions: 40, deletions: 2 })], [PR_FILE]],
    ["a file only renamed since has no line to look at again", [PR_FILE], [since(undefined, { status: "renamed", previousPath: "src/old.ts" })], []],
    [
      "a binary file of the pull request that changed since is kept as it is",
      [{ path: "logo.png", status: "modified", additions: 0, deletions: 0 }],
      [{ path: "logo.png", status: "modified", additions: 1, deletions: 1 }],
      [{ path: "logo.png", status: "modified", additions: 0, deletions: 0 }],
    ],
    [
      "a new file the last push changed again is kept",
      [{ path: "src/new.ts", status: "added", additions: 3, deletions: 0, patch: "@@ -0,0 +1,3 @@\n+a\n+b\n+c" }],
      [{ path: "src/new.ts", status: "modified", additions: 1, deletions: 1, patch: "@@ -2,1 +2,1 @@\n-x\n+b" }],
      [{ path: "src/new.ts", status: "added", additions: 3, deletions: 0, patch: "@@ -0,0 +1,3 @@\n+a\n+b\n+c" }],
    ],
    [
      "a file deleted by the last push is kept",
      [{ path: "src/gone.ts", status: "removed", additions: 0, deletions: 2, patch: "@@ -1,2 +0,0 @@\n-a\n-b" }],
      [{ path: "src/gone.ts", status: "removed", additions: 0, deletions: 2, patch: "@@ -1,2 +0,0 @@\n-a\n-b" }],
      [{ path: "src/gone.ts", status: "removed", additions: 0, deletions: 2, patch: "@@ -1,2 +0,0 @@\n-a\n-b" }],
    ],
    [
      "a pull request file whose diff cannot be parsed is kept for the review to name as skipped",
      [{ path: "odd.txt", status: "modified", additions: 1, deletions: 0, patch: "@@ not a header\n+x" }],
      [{ path: "odd.txt", status: "modified", additions: 1, deletions: 0, patch: "@@ -1 +1,2 @@\n a\n+x" }],
      [{ path: "odd.txt", status: "modified", additions: 1, deletions: 0, patch: "@@ not a header\n+x" }],
    ],
  ])("%s", (_name, prFiles, sinceFiles, expected) => {
    expect(selectChangedHunks(prFiles, sinceFiles).files).toEqual(expected);
  });
});
