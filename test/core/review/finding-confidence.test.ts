import { describe, expect, it } from "@jest/globals";
import { parseRepoConfig } from "../../../src/core/config/parse-repo-config.js";
import { DEFAULT_REPO_CONFIG } from "../../../src/core/config/repo-config-schema.js";
import { buildLineMap } from "../../../src/core/diff/build-line-map.js";
import { parsePatch } from "../../../src/core/diff/parse-patch.js";
import { buildRedaction } from "../../../src/core/redact/build-redaction.js";
import { concludeReview } from "../../../src/core/review/conclude-review.js";
import { parseReview } from "../../../src/core/review/parse-review.js";
import { buildReviewJsonSchema } from "../../../src/core/review/review-schema.js";
import type { Finding } from "../../../src/core/types.js";

const SHA = "c".repeat(40);
const patches = [parsePatch({ path: "src/a.ts", status: "modified", additions: 3, deletions: 0, patch: "@@ -1,1 +1,4 @@\n const a = 1;\n+const b = a / 0;\n+const c = b * 2;\n+const d = c - 1;" })];
const finding = (line: number, title: string, confidence: number | null | undefined): Finding => ({
  path: "src/a.ts",
  line,
  startLine: null,
  side: "RIGHT",
  severity: "major",
  category: "bug",
  title,
  body: "Explain.",
  suggestion: null,
  ...(confidence === undefined ? {} : { confidence }),
});
const rawFinding = { path: "src/a.ts", line: 2, startLine: null, side: "RIGHT", severity: "major", category: "bug", title: "T", body: "B", suggestion: null };
const answerWith = (extra: Record<string, unknown>) => ({ summary: "S.", walkthrough: [], findings: [{ ...rawFinding, ...extra }] });

describe("the finding schema's confidence", () => {
  it.each([
    ["a confidence in range", { confidence: 0.75 }, 0.75],
    ["the bounds", { confidence: 0 }, 0],
    ["null (the model does not say)", { confidence: null }, null],
    ["no confidence at all (older answers, models that leave it out)", {}, null],
  ])("accepts %s", (_name, extra, expected) => {
    const parsed = parseReview(answerWith(extra));
    expect(parsed.ok && parsed.answer.findings[0]?.confidence).toBe(expected);
  });

  it.each([
    ["above 1", 1.2],
    ["below 0", -0.1],
    ["a word", "high"],
  ])("rejects a confidence %s, naming the field", (_name, confidence) => {
    const parsed = parseReview(answerWith({ confidence }));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors.join("\n")).toMatch(/findings\.0\.confidence/);
  });

  it("is a required, nullable number from 0 to 1 in the JSON Schema sent to providers, with no default keyword", () => {
    const schema = buildReviewJsonSchema() as any;
    const item = schema.properties.findings.items;
    expect(item.required).toContain("confidence");
    expect(item.properties.confidence.anyOf).toEqual([{ type: "number", minimum: 0, maximum: 1 }, { type: "null" }]);
    expect(JSON.stringify(schema)).not.toContain('"default"');
  });
});

describe("minConfidence in .github/patchwise.yml", () => {
  it.each([
    ["absent: 0.5", {}, 0.5],
    ["set", { minConfidence: 0.8 }, 0.8],
  ])("%s", (_name, raw, expected) => {
    expect(parseRepoConfig(raw).config.minConfidence).toBe(expected);
  });

  it("out of range is a readable error", () => {
    expect(parseRepoConfig({ minConfidence: 2 }).problems).toEqual([{ key: "minConfidence", message: expect.stringMatching(/^`minConfidence`: /), outcome: "default" }]);
  });
});

describe("concludeReview with confidences", () => {
  const conclude = (findings: Finding[], config = DEFAULT_REPO_CONFIG) =>
    concludeReview({
      headSha: SHA,
      answers: [{ summary: "S.", walkthrough: [], findings }],
      lineMap: buildLineMap(patches),
      config,
      redaction: buildRedaction([]),
      committedSecrets: [],
      patches,
      existingComments: [],
      summary: { headSha: SHA, model: "m", provider: "openai", tokens: { input: 1, output: 1 }, skippedFiles: [], configErrors: [] },
    });

  it("posts sure findings inline and lists unsure ones in the summary with their confidence, apart from the severity threshold list", () => {
    const result = conclude([finding(2, "Division by zero", 0.9), finding(3, "Maybe overflows", 0.2), finding(4, "Unstated", undefined)]);

    // Ranked most confident first; a finding that states no confidence counts as sure.
    expect(result.review.comments.map((comment) => comment.line)).toEqual([4, 2]);
    expect(result.summary).toContain("**3** findings: 2 posted as inline comments, 1 listed here.");
    expect(result.summary).toContain("<details><summary>1 the model was not sure of (confidence under <code>minConfidence</code>)</summary>\n\n- 🟠 Major `src/a.ts:3` — Maybe overflows (confidence 0.2)\n\n</details>");
    expect(result.summary).not.toContain("below the configured threshold");
  });

  it("follows the repository's minConfidence", () => {
    const strict = { ...DEFAULT_REPO_CONFIG, minConfidence: 0.95 };
    const result = conclude([finding(2, "Division by zero", 0.9), finding(3, "Certain", 1)], strict);

    expect(result.review.comments.map((comment) => comment.line)).toEqual([3]);
    expect(result.summary).toContain("`src/a.ts:2` — Division by zero (confidence 0.9)");
  });
});
