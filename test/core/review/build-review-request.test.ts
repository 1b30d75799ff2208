import { describe, expect, it } from "@jest/globals";
import { buildReviewRequest, renderReviewMarker, REVIEW_MARKER_PREFIX } from "../../../src/core/review/build-review-request.js";
import type { Finding } from "../../../src/core/types.js";

const SHA = "a".repeat(40);

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    path: "src/cart.ts",
    line: 20,
    startLine: null,
    side: "RIGHT",
    severity: "major",
    category: "bug",
    title: "Total ignores discounts",
    body: "Apply the discount before summing.",
    suggestion: null,
    ...overrides,
  };
}

describe("buildReviewRequest", () => {
  it("builds the exact request GitHub receives: COMMENT, single-line, multi-line, LEFT", () => {
    const request = buildReviewRequest({
      headSha: SHA,
      body: `Patchwise review\n\n${renderReviewMarker(SHA)}`,
      inline: [
        finding({ suggestion: "  return total - discount;" }),
        finding({ startLine: 18, line: 20, severity: "critical", category: "security", title: "Token logged", body: "Remove the log line.", suggestion: "  return total;\n" }),
        finding({ side: "LEFT", line: 7, severity: "nit", category: "documentation", title: "Comment  lost\nhere", body: "Keep the comment.", suggestion: "ignored on LEFT" }),
      ],
    });
    expect(request).toEqual({
      commit_id: SHA,
      event: "COMMENT",
      body: `Patchwise review\n\n<!-- patchwise:review sha=${SHA} -->`,
      comments: [
        {
          path: "src/cart.ts",
          line: 20,
          side: "RIGHT",
          body: "**🟠 Major · bug** — Total ignores discounts\n\nApply the discount before summing.\n\n```suggestion\n  return total - discount;\n```",
        },
        {
          path: "src/cart.ts",
          line: 20,
          side: "RIGHT",
          start_line: 18,
          start_side: "RIGHT",
          body: "**🔴 Critical · security** — Token logged\n\nRemove the log line.\n\n```suggestion\n  return total;\n```",
        },
        { path: "src/cart.ts", line: 7, side: "LEFT", body: "**⚪ Nit · documentation** — Comment lost here\n\nKeep the comment." },
      ],
    });
  });

  it.each([
    ["no backticks", "const a = 1;", "```"],
    ["a template literal", "const s = `${a}`;", "```"],
    ["a markdown fence", "const md = \"```ts\\ncode\\n```\";", "````"],
    ["a longer backtick run", "x = '`````';", "``````"],
  ])("fences a suggestion with %s so the code cannot close the block", (_name, suggestion, fence) => {
    const [comment] = buildReviewRequest({ headSha: SHA, body: "", inline: [finding({ suggestion })] }).comments;
    expect(comment!.body.endsWith(`\n\n${fence}suggestion\n${suggestion}\n${fence}`)).toBe(true);
  });

  it("renders an empty suggestion as a suggestion to delete the lines", () => {
    const [comment] = buildReviewRequest({ headSha: SHA, body: "", inline: [finding({ suggestion: "" })] }).comments;
    expect(comment!.body.endsWith("\n\n```suggestion\n```")).toBe(true);
  });

  it("posts a review with no comments when nothing is inline", () => {
    expect(buildReviewRequest({ headSha: SHA, body: "Nothing inline.", inline: [] })).toEqual({ commit_id: SHA, event: "COMMENT", body: "Nothing inline.", comments: [] });
  });
});

describe("renderReviewMarker", () => {
  it("names the head sha in a hidden comment that starts with the shared prefix", () => {
    expect(renderReviewMarker(SHA)).toBe(`<!-- patchwise:review sha=${SHA} -->`);
    expect(renderReviewMarker(SHA).startsWith(REVIEW_MARKER_PREFIX)).toBe(true);
  });
});
