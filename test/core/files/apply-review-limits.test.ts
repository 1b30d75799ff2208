import { describe, expect, it } from "@jest/globals";
import { parseRepoConfig } from "../../../src/core/config/parse-repo-config.js";
import { applyReviewLimits } from "../../../src/core/files/apply-review-limits.js";
import type { ChangedFile } from "../../../src/core/types.js";

const changed = (path: string, additions: number, deletions = 0): ChangedFile => ({ path, status: "modified", additions, deletions, patch: "@@ -1 +1 @@\n-a\n+b" });

describe("applyReviewLimits", () => {
  it("keeps everything within the limits", () => {
    const files = [changed("a.ts", 10), changed("b.ts", 5, 5)];
    expect(applyReviewLimits(files, { maxFiles: 2, maxChangedLines: 20 })).toEqual({ kept: files, skipped: [] });
  });

  it("names every file past maxFiles with the limit that stopped it", () => {
    const result = applyReviewLimits([changed("a.ts", 1), changed("b.ts", 1), changed("c.ts", 1)], { maxFiles: 2, maxChangedLines: 100 });
    expect(result.kept.map((file) => file.path)).toEqual(["a.ts", "b.ts"]);
    expect(result.skipped).toEqual([{ path: "c.ts", reason: "over the limit of 2 files per review (limits.maxFiles in .github/patchwise.yml)" }]);
  });

  it("skips a file that would pass maxChangedLines but keeps smaller files after it", () => {
    const result = applyReviewLimits([changed("a.ts", 60), changed("huge.ts", 900, 100), changed("b.ts", 30, 10)], { maxFiles: 10, maxChangedLines: 100 });
    expect(result.kept.map((file) => file.path)).toEqual(["a.ts", "b.ts"]);
    expect(result.skipped).toEqual([
      { path: "huge.ts", reason: "its 1000 changed lines would pass the limit of 100 changed lines per review (limits.maxChangedLines in .github/patchwise.yml)" },
    ]);
  });
});

describe("limits in .github/patchwise.yml", () => {
  it("defaults to 300 files and no line limit: the token and cost budgets guard a large review", () => {
    expect(parseRepoConfig({}).config.limits).toEqual({ maxFiles: 300 });
    expect(parseRepoConfig(null).config.limits).toEqual({ maxFiles: 300 });
  });

  it("takes one limit and defaults the other", () => {
    expect(parseRepoConfig({ limits: { maxFiles: 50 } })).toEqual({ config: expect.objectContaining({ limits: { maxFiles: 50 } }), problems: [] });
    expect(parseRepoConfig({ limits: { maxChangedLines: 5_000 } })).toEqual({ config: expect.objectContaining({ limits: { maxFiles: 300, maxChangedLines: 5_000 } }), problems: [] });
  });

  it("keeps every file of a 300-file, 30,000-line pull request with the defaults", () => {
    const files = Array.from({ length: 300 }, (_, i) => changed(`f${i}.ts`, 60, 40));
    expect(applyReviewLimits(files, parseRepoConfig({}).config.limits).kept).toHaveLength(300);
  });

  it.each([
    [{ limits: { maxFiles: 0 } }, "`limits.maxFiles`: Too small: expected number to be >=1"],
    [{ contextWindow: 100 }, "`contextWindow`: Too small: expected number to be >=4000"],
  ])("reports %j", (raw, error) => {
    expect(parseRepoConfig(raw).problems).toEqual([{ key: expect.any(String), message: error, outcome: "stop" }]);
  });

  it("reports a misspelt limit instead of ignoring it", () => {
    expect(parseRepoConfig({ limits: { maxFile: 50 } }).problems.map((problem) => problem.message)).toEqual(["`limits.maxFile` is not a key; did you mean `limits.maxFiles`?"]);
  });

  it("accepts a contextWindow", () => {
    expect(parseRepoConfig({ contextWindow: 64_000 }).config.contextWindow).toBe(64_000);
  });
});
