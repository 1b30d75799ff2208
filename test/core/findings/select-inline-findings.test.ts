import { describe, expect, it } from "@jest/globals";
import { selectInlineFindings, type InlineRules } from "../../../src/core/findings/select-inline-findings.js";
import type { Finding } from "../../../src/core/types.js";
import { makeFinding } from "../../helpers/make-finding.js";


const RULES: InlineRules = { minSeverity: "minor", maxComments: 10, excludeCategories: [] };
type Bucket = "inline" | "overLimit" | "outsideDiff" | "belowThreshold" | "lowConfidence";

function bucketOf(f: Finding, rules: Partial<InlineRules>, outside = false): Bucket {
  const result = selectInlineFindings(outside ? { commentable: [], outsideDiff: [f] } : { commentable: [f], outsideDiff: [] }, { ...RULES, ...rules });
  const buckets = (Object.keys(result) as Bucket[]).filter((key) => result[key].length > 0);
  expect(buckets).toHaveLength(1);
  return buckets[0]!;
}

describe("selectInlineFindings sorts one finding", () => {
  it.each<[string, Partial<Finding>, Partial<InlineRules>, boolean, Bucket]>([
    ["a major finding inline", {}, {}, false, "inline"],
    ["a minor finding at the default threshold inline", { severity: "minor" }, {}, false, "inline"],
    ["a nit below the default threshold", { severity: "nit" }, {}, false, "belowThreshold"],
    ["a nit when nits are allowed inline", { severity: "nit" }, { minSeverity: "nit" }, false, "inline"],
    ["a major finding under minSeverity critical", {}, { minSeverity: "critical" }, false, "belowThreshold"],
    ["an excluded category", { category: "style", severity: "critical" }, { excludeCategories: ["style"] }, false, "belowThreshold"],
    ["a finding the model is unsure of", { confidence: 0.3 }, {}, false, "lowConfidence"],
    ["a finding at the confidence threshold", { confidence: 0.5 }, {}, false, "inline"],
    ["a finding under a stricter threshold", { confidence: 0.7 }, { minConfidence: 0.8 }, false, "lowConfidence"],
    ["a finding without a confidence (treated as sure)", { confidence: null }, { minConfidence: 0.9 }, false, "inline"],
    ["below the severity threshold before the confidence one", { severity: "nit", confidence: 0.1 }, {}, false, "belowThreshold"],
    ["a finding outside the diff", {}, {}, true, "outsideDiff"],
    ["a nit outside the diff below the threshold", { severity: "nit" }, {}, true, "belowThreshold"],
    ["an unsure finding outside the diff", { confidence: 0.2 }, {}, true, "lowConfidence"],
    ["any finding when no comments are allowed", {}, { maxComments: 0 }, false, "overLimit"],
  ])("%s", (_name, overrides, rules, outside, bucket) => {
    expect(bucketOf(makeFinding(overrides), rules, outside)).toBe(bucket);
  });
});

describe("selectInlineFindings ranks and caps the inline comments", () => {
  it("posts the most severe, then the most confident, then by place; the rest goes over the limit", () => {
    const list = [
      makeFinding({ title: "minor", severity: "minor", line: 1 }),
      makeFinding({ title: "major unsure", confidence: 0.6, line: 2 }),
      makeFinding({ title: "critical", severity: "critical", line: 50 }),
      makeFinding({ title: "major sure b", confidence: 0.95, path: "src/b.ts", line: 1 }),
      makeFinding({ title: "major sure a", confidence: 0.95, path: "src/a.ts", line: 9 }),
      makeFinding({ title: "major unknown", line: 3 }),
    ];
    const result = selectInlineFindings({ commentable: list, outsideDiff: [] }, { ...RULES, maxComments: 4 });
    expect(result.inline.map((f) => f.title)).toEqual(["critical", "major unknown", "major sure a", "major sure b"]);
    expect(result.overLimit.map((f) => f.title)).toEqual(["major unsure", "minor"]);
  });
});
