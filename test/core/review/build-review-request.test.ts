import { describe, expect, it } from "@jest/globals";
import { buildReviewRequest, renderReviewMarker, REVIEW_MARKER_PREFIX, type InlineComment } from "../../../src/core/review/build-review-request.js";
import { fenceCodeBlock } from "../../../src/core/review/fence-code-block.js";

const SHA = "a".repeat(40);

function finding(overrides: Partial<InlineComment> = {}): InlineComment {
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
    extras: [],
    ...overrides,
  };
}

describe("buildReviewRequest", () => {
  it("builds the exact request GitHub receives: COMMENT, single-line, multi-line, LEFT", () => {
    const request = buildReviewRequest({
      headSha: SHA,
      body: `Patchwise review\n\n${renderReviewMarker(SHA)}`,
      inline: [
        finding({ extras: ["```suggestion\n  return total - discount;\n```", "<!-- patchwise:fp v1 0123456789abcdef -->"] }),
        finding({ startLine: 18, line: 20, severity: "critical", category: "security", title: "Token logged", body: "Remove the log line.", extras: ["```suggestion\n  return total;\n```"] }),
        finding({ side: "LEFT", line: 7, severity: "nit", category: "documentation", title: "Comment  lost\nhere", body: "Keep the comment." }),
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
          body: "**🟠 Major · bug** — Total ignores discounts\n\nApply the discount before summing.\n\n```suggestion\n  return total - discount;\n```\n\n<!-- patchwise:fp v1 0123456789abcdef -->",
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

describe("fenceCodeBlock", () => {
  it.each([
    ["no backticks", "const a = 1;", "```"],
    ["a template literal", "const s = `${a}`;", "```"],
    ["a markdown fence", "const md = \"```ts\\ncode\\n```\";", "````"],
    ["a longer backtick run", "x = '`````';", "``````"],
  ])("fences code with %s so the code cannot close the block", (_name, code, fence) => {
    expect(fenceCodeBlock(code, "suggestion")).toBe(`${fence}suggestion\n${code}\n${fence}`);
  });

  it("renders empty code as an empty block (a suggestion to delete the lines) and drops one trailing newline", () => {
    expect(fenceCodeBlock("", "suggestion")).toBe("```suggestion\n```");
    expect(fenceCodeBlock("  return total;\n", "suggestion")).toBe("```suggestion\n  return total;\n```");
  });
});
