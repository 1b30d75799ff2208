import { describe, expect, it } from "@jest/globals";
import { DEFAULT_REPO_CONFIG } from "../../../src/core/config/repo-config-schema.js";
import { buildLineMap } from "../../../src/core/diff/build-line-map.js";
import { parsePatch } from "../../../src/core/diff/parse-patch.js";
import { buildRedaction } from "../../../src/core/redact/build-redaction.js";
import { concludeReview } from "../../../src/core/review/conclude-review.js";
import type { ReviewAnswer } from "../../../src/core/review/review-schema.js";
import type { Finding } from "../../../src/core/types.js";

const SHA = "a".repeat(40);
// Built from parts so that no scanner mistakes this file for a leak.
const TOKEN = ["ghp", "_", "R4nd0mT0k3nV4lu3F0rT3st1ngPurp0s3s12"].join("");
const patches = [
  parsePatch({ path: "src/a.ts", status: "modified", additions: 1, deletions: 0, patch: "@@ -1,1 +1,2 @@\n const a = 1;\n+const b = a / 0;" }),
  parsePatch({ path: "src/b.ts", status: "modified", additions: 1, deletions: 0, patch: "@@ -1,1 +1,2 @@\n let x;\n+x.y = 1;" }),
];
const lineMap = buildLineMap(patches);

function finding(path: string, line: number, title: string): Finding {
  return { path, line, startLine: null, side: "RIGHT", severity: "major", category: "bug", title, body: "Explain.", suggestion: null };
}

function answer(summary: string, findings: Finding[]): ReviewAnswer {
  return { summary, walkthrough: findings.map((f) => ({ path: f.path, change: "changed" })), findings };
}

const noSecrets = { redaction: buildRedaction([]), committedSecrets: [], patches, existingComments: [] };
const summaryBase = { headSha: SHA, model: "m", provider: "openai", tokens: { input: 10, output: 5 }, skippedFiles: [], configErrors: [] };

describe("concludeReview", () => {
  it("merges the answers of several requests into one COMMENT review and one summary", () => {
    const result = concludeReview({
      headSha: SHA,
      answers: [answer("First part.", [finding("src/a.ts", 2, "Division by zero")]), answer("Second part.", [finding("src/b.ts", 2, "x is undefined")])],
      lineMap,
      config: DEFAULT_REPO_CONFIG,
      summary: summaryBase,
      ...noSecrets,
    });

    expect(result.review.event).toBe("COMMENT");
    expect(result.review.commit_id).toBe(SHA);
    expect(result.review.comments.map((c) => [c.path, c.line, c.side])).toEqual([
      ["src/a.ts", 2, "RIGHT"],
      ["src/b.ts", 2, "RIGHT"],
    ]);
    expect(result.review.body).toContain(`sha=${SHA}`);
    expect(result.summary).toContain("First part.\n\nSecond part.");
    expect(result.summary).toContain("**2** findings: 2 posted as inline comments");
  });

  it("keeps a finding outside the diff out of the review and lists it in the summary", () => {
    const result = concludeReview({ headSha: SHA, answers: [answer("S.", [finding("src/a.ts", 40, "Far away")])], lineMap, config: DEFAULT_REPO_CONFIG, summary: summaryBase, ...noSecrets });

    expect(result.review.comments).toEqual([]);
    expect(result.summary).toContain("#### Outside the diff");
    expect(result.summary).toContain("`src/a.ts:40` — Far away");
  });

  it("turns a committed credential into a critical inline finding that names its type, never its value", () => {
    const result = concludeReview({
      headSha: SHA,
      answers: [answer("S.", [])],
      lineMap,
      config: DEFAULT_REPO_CONFIG,
      summary: summaryBase,
      redaction: buildRedaction([{ type: "github-token", value: TOKEN }]),
      committedSecrets: [{ path: "src/a.ts", line: 2, type: "github-token" }],
      patches,
      existingComments: [],
    });

    expect(result.review.comments).toEqual([expect.objectContaining({ path: "src/a.ts", line: 2, side: "RIGHT" })]);
    expect(result.review.comments[0]!.body).toContain("A credential was committed (github-token)");
    expect(result.summary).toContain("🔐 **1 credential was committed** (github-token)");
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it("takes a redacted value back out of whatever the model wrote", () => {
    const leaky = { ...finding("src/a.ts", 2, `Token ${TOKEN} leaked`), body: `Remove ${TOKEN}.`, suggestion: `const t = "${TOKEN}";` };
    const result = concludeReview({
      headSha: SHA,
      answers: [answer(`Uses ${TOKEN}.`, [leaky])],
      lineMap,
      config: DEFAULT_REPO_CONFIG,
      summary: summaryBase,
      redaction: buildRedaction([{ type: "github-token", value: TOKEN }]),
      committedSecrets: [],
      patches,
      existingComments: [],
    });

    expect(JSON.stringify(result.review)).not.toContain(TOKEN);
    expect(result.summary).not.toContain(TOKEN);
    expect(result.review.comments[0]!.body).toContain("[REDACTED:github-token]");
  });
});
