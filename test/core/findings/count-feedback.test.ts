import { describe, expect, it } from "@jest/globals";
import { countFeedback } from "../../../src/core/findings/count-feedback.js";
import { readCommentKind } from "../../../src/core/findings/read-comment-kind.js";
import type { ExistingComment } from "../../../src/core/findings/read-fingerprints.js";
import { renderFeedback } from "../../../src/core/review/render-feedback.js";

// 👍/👎 on Patchwise's earlier inline comments: read from GitHub's reaction counts when a review
// runs, counted by the category and severity each comment's heading names. Nothing is stored.

const MARKER = "<!-- patchwise:fp v1 0123456789abcdef -->";
const comment = (heading: string, up: number, down: number): ExistingComment => ({
  body: `${heading} — Some title\n\nWhy it matters.\n\n${MARKER}`,
  path: "src/a.ts",
  line: 3,
  reactions: { up, down },
});

describe("readCommentKind", () => {
  it.each([
    ["a major bug", "**🟠 Major · bug** — Crashes\n\ntext", { category: "bug", severity: "major" }],
    ["a nit on style", "**⚪ Nit · style** — Semicolon", { category: "style", severity: "nit" }],
    ["a critical security finding", "**🔴 Critical · security** — Token committed", { category: "security", severity: "critical" }],
    ["an unknown category", "**🟠 Major · vibes** — Hmm", null],
    ["an unknown badge", "**🟣 Huge · bug** — Hmm", null],
    ["no heading", "Thanks!", null],
    ["a heading that is not on the first line", "Note\n**🟠 Major · bug** — Crashes", null],
  ])("%s", (_name, body, expected) => {
    expect(readCommentKind(body)).toEqual(expected);
  });
});

describe("countFeedback", () => {
  it.each<[string, ExistingComment[], ReturnType<typeof countFeedback>]>([
    ["no comments", [], { up: 0, down: 0, byKind: [] }],
    ["comments without reactions (or without a reaction count)", [comment("**🟠 Major · bug**", 0, 0), { body: MARKER, path: "a", line: 1 }], { up: 0, down: 0, byKind: [] }],
    [
      "totals and a breakdown by category and severity, most 👎 first",
      [comment("**🟠 Major · bug**", 2, 0), comment("**⚪ Nit · style**", 0, 1), comment("**⚪ Nit · style**", 0, 1), comment("**🟠 Major · bug**", 1, 0)],
      {
        up: 3,
        down: 2,
        byKind: [
          { category: "style", severity: "nit", up: 0, down: 2 },
          { category: "bug", severity: "major", up: 3, down: 0 },
        ],
      },
    ],
    [
      "one kind with both reactions",
      [comment("**🟡 Minor · performance**", 1, 2)],
      { up: 1, down: 2, byKind: [{ category: "performance", severity: "minor", up: 1, down: 2 }] },
    ],
    [
      "a comment whose kind cannot be read counts in the totals only",
      [comment("**🟠 Major · vibes**", 4, 1), comment("**🟠 Major · bug**", 0, 1)],
      { up: 4, down: 2, byKind: [{ category: "bug", severity: "major", up: 0, down: 1 }] },
    ],
    ["nonsense counts count as none", [{ ...comment("**🟠 Major · bug**", 0, 0), reactions: { up: -3, down: Number.NaN } }], { up: 0, down: 0, byKind: [] }],
  ])("%s", (_name, comments, expected) => {
    expect(countFeedback(comments)).toEqual(expected);
  });
});

describe("renderFeedback", () => {
  it.each<[string, Parameters<typeof renderFeedback>[0], string]>([
    ["nothing to say", undefined, ""],
    ["no reactions", { up: 0, down: 0, byKind: [] }, ""],
    [
      "the example of the issue",
      { up: 3, down: 2, byKind: [{ category: "style", severity: "nit", up: 0, down: 2 }, { category: "bug", severity: "major", up: 3, down: 0 }] },
      "💬 Feedback on earlier comments: 👍 3 · 👎 2 (style/nit: 👎 2; bug/major: 👍 3)",
    ],
    ["a kind with both", { up: 1, down: 2, byKind: [{ category: "performance", severity: "minor", up: 1, down: 2 }] }, "💬 Feedback on earlier comments: 👍 1 · 👎 2 (performance/minor: 👍 1 👎 2)"],
    ["only comments of unknown kind", { up: 1, down: 0, byKind: [] }, "💬 Feedback on earlier comments: 👍 1 · 👎 0"],
  ])("%s", (_name, feedback, line) => {
    expect(renderFeedback(feedback)).toBe(line);
  });
});
