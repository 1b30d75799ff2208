import { describe, expect, it } from "@jest/globals";
import { buildLineMap } from "../../../src/core/diff/build-line-map.js";
import { parsePatch } from "../../../src/core/diff/parse-patch.js";
import { siftFindings } from "../../../src/core/findings/sift-findings.js";
import type { Finding } from "../../../src/core/types.js";

const PATCH = parsePatch({ path: "src/a.ts", status: "added", additions: 3, deletions: 0, patch: "@@ -0,0 +1,3 @@\n+export function f(x: number) {\n+    return x + 1;\n+}" });

function finding(overrides: Partial<Finding>): Finding {
  return { path: "src/a.ts", line: 2, startLine: null, side: "RIGHT", severity: "major", category: "bug", title: "t", body: "b", suggestion: null, ...overrides };
}

function sift(findings: Finding[], fileText?: string) {
  return siftFindings({
    findings,
    patches: [PATCH],
    lineMap: buildLineMap([PATCH]),
    rules: { minSeverity: "minor", maxComments: 10, excludeCategories: [], minConfidence: 0.6 },
    ...(fileText === undefined ? {} : { fileTextOf: (path: string) => (path === "src/a.ts" ? fileText : undefined) }),
  });
}

describe("siftFindings", () => {
  it("keeps findings the model is unsure of out of the inline comments", () => {
    const result = sift([finding({ title: "sure", confidence: 0.9 }), finding({ title: "unsure", confidence: 0.4 })]);
    expect(result.inline.map((f) => f.title)).toEqual(["sure"]);
    expect(result.lowConfidence.map((f) => f.title)).toEqual(["unsure"]);
  });

  it("checks suggestions against the lines from the diff when there is no file text", () => {
    const [posted] = sift([finding({ suggestion: "return x + 2;" })]).inline;
    expect(posted?.suggestionCheck).toEqual({ kind: "committable", text: "    return x + 2;" });
  });

  it("follows the indentation of the whole file when it has it", () => {
    const [posted] = sift([finding({ suggestion: "\treturn x + 2;" })], "export function f(x: number) {\n    return x + 1;\n}\nfunction g() {\n    if (a) {\n        b();\n    }\n}").inline;
    expect(posted?.suggestionCheck).toEqual({ kind: "committable", text: "    return x + 2;" });
  });

  it("gives each posted finding its fingerprint, and a fingerprint per merged place", () => {
    const result = sift([finding({ line: 1, title: "Missing check" }), finding({ line: 3, title: "Missing check" })]);
    expect(result.inline).toHaveLength(1);
    expect(result.inline[0]?.fingerprints).toHaveLength(2);
    expect(result.inline[0]?.fingerprints[0]).toBe(result.inline[0]?.fingerprint);
    expect(result.mergedAway).toBe(1);
  });
});
