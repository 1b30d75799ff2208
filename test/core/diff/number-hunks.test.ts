import { describe, expect, it } from "@jest/globals";
import { HUNK_FORMAT_NOTE, numberHunks } from "../../../src/core/diff/number-hunks.js";
import { parsePatch } from "../../../src/core/diff/parse-patch.js";
import type { ChangedFile } from "../../../src/core/types.js";

function render(patch: string | undefined, status: ChangedFile["status"] = "modified"): string {
  return numberHunks(parsePatch({ path: "src/load.ts", status, additions: 0, deletions: 0, patch }));
}

describe("numberHunks", () => {
  it("prefixes each line with the side and number a finding must cite, aligned across hunks", () => {
    const patch = [
      "@@ -8,4 +8,5 @@ export function load() {",
      "   const a = 1;",
      "-  const b = 2;",
      "+  const b = 3;",
      "+  const c = 4;",
      "   return a;",
      " }",
      "\\ No newline at end of file",
      "@@ -98,2 +99,3 @@ export function save() {",
      "   flush();",
      "+  close();",
      " }",
    ].join("\n");

    expect(render(patch)).toBe(
      [
        "@@ -8,4 +8,5 @@ export function load() {",
        "R  8     const a = 1;",
        "L  9 -   const b = 2;",
        "R  9 +   const b = 3;",
        "R 10 +   const c = 4;",
        "R 11     return a;",
        "R 12   }",
        "@@ -98,2 +99,3 @@ export function save() {",
        "R 99     flush();",
        "R100 +   close();",
        "R101   }",
      ].join("\n"),
    );
  });

  it.each([
    ["an added file", "added" as const, "@@ -0,0 +1,2 @@\n+# Title\n+Text", "@@ -0,0 +1,2 @@\nR1 + # Title\nR2 + Text"],
    ["a removed file", "removed" as const, "@@ -1,2 +0,0 @@\n-# Title\n-Text", "@@ -1,2 +0,0 @@\nL1 - # Title\nL2 - Text"],
    ["a file without a patch", "modified" as const, undefined, ""],
  ])("renders %s", (_name, status, patch, expected) => {
    expect(render(patch, status)).toBe(expected);
  });

  it("tells the model what R and L mean in the note the prompt quotes", () => {
    expect(HUNK_FORMAT_NOTE).toMatch(/"R<n>".*RIGHT/);
    expect(HUNK_FORMAT_NOTE).toMatch(/"L<n>".*LEFT/);
  });
});
