import { describe, expect, it } from "@jest/globals";
import { renderSummary, SUMMARY_MARKER, type SummaryInput } from "../../../src/core/review/render-summary.js";
import type { Finding } from "../../../src/core/types.js";
import { liveBotCommands, visible } from "../../helpers/live-bot-commands.js";

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

function input(overrides: Partial<SummaryInput> = {}): SummaryInput {
  return {
    headSha: "abcdef1234567890abcdef1234567890abcdef12",
    model: "gpt-4.1-mini",
    provider: "openai",
    tokens: { input: 12345, output: 678 },
    answer: { summary: "Adds discounts to the cart total.", walkthrough: [{ path: "src/cart.ts", change: "applies discounts" }] },
    inlineCount: 0,
    outsideDiff: [],
    belowThreshold: [],
    overLimit: [],
    skippedFiles: [],
    configErrors: [],
    failure: null,
    ...overrides,
  };
}

// The severity table as rows of [label, count].
function severityTable(summary: string): Array<[string, string]> {
  return [...summary.matchAll(/^\| (\S+ (?:Critical|Major|Minor|Nit)) \| (\d+) \|$/gm)].map((m) => [m[1]!, m[2]!]);
}

describe("renderSummary", () => {
  it("names the instruction files followed, cut or not used, as code spans and without their text", () => {
    const summary = renderSummary(
      input({
        instructionFiles: {
          applied: [".github/copilot-instructions.md", ".github/instructions/`odd` @team.instructions.md"],
          cut: [{ path: ".github/copilot-instructions.md", reason: "cut to its first 8,000 of 9,000 characters (the most one file may have)" }],
          skipped: [{ path: ".github/instructions/bad.instructions.md", reason: "not valid UTF-8 text" }],
        },
      }),
    );
    expect(summary).toContain(
      [
        "📋 Instruction files followed: `.github/copilot-instructions.md`, ``.github/instructions/`odd` @team.instructions.md``.",
        "- `.github/copilot-instructions.md` cut to its first 8,000 of 9,000 characters (the most one file may have)",
        "- `.github/instructions/bad.instructions.md` not used: not valid UTF-8 text",
      ].join("\n"),
    );
    expect(renderSummary(input())).not.toContain("Instruction files");
    expect(renderSummary(input({ instructionFiles: { applied: [], cut: [], skipped: [] } }))).not.toContain("📋");
    expect(renderSummary(input({ instructionFiles: { applied: [], cut: [], skipped: [{ path: "x", reason: "y" }] } }))).toContain("📋 No instruction file applied to the files reviewed.\n- `x` not used: y");
  });

  it("starts with the hidden marker and names the model, provider, tokens and commit", () => {
    const summary = renderSummary(input());
    expect(summary.startsWith(`${SUMMARY_MARKER}\n`)).toBe(true);
    expect(summary).toContain("Model `gpt-4.1-mini` via openai · 12,345 input / 678 output tokens · commit abcdef1");
    expect(summary).toContain("### Summary\nAdds discounts to the cart total.");
    expect(summary).toContain("| `src/cart.ts` | applies discounts |");
  });

  it("says how much related code the model saw, how much of it as signatures only and how much the budget left out", () => {
    const snippets = [
      { path: "src/a.ts", startLine: 1, endLine: 40 },
      { path: "src/a.ts", startLine: 50, endLine: 50 },
      { path: "src/b.ts", startLine: 3, endLine: 3 },
    ];
    expect(renderSummary(input({ relatedCode: { snippets, dropped: { count: 7, lines: 300 }, signaturesOnly: 2 } }))).toContain(
      "· related code: 42 lines from 2 files, 2 definitions as signature only (7 more left out by the line budget) ·",
    );
    expect(renderSummary(input({ relatedCode: { snippets: snippets.slice(0, 1), dropped: { count: 0, lines: 0 }, signaturesOnly: 0 } }))).toContain("· related code: 40 lines from 1 file ·");
    // A snippet with gaps (a long function's window and the declarations it uses) counts the lines it shows.
    const gapped = [{ path: "src/c.ts", startLine: 1, endLine: 100, gaps: [{ startLine: 5, endLine: 94 }] }];
    expect(renderSummary(input({ relatedCode: { snippets: gapped, dropped: { count: 0, lines: 0 }, signaturesOnly: 0 } }))).toContain("· related code: 10 lines from 1 file ·");
  });

  it("says plainly that no issues were found, with no table and no failure", () => {
    const summary = renderSummary(input());
    expect(summary).toContain("No issues found");
    expect(severityTable(summary)).toEqual([]);
    expect(summary).not.toMatch(/failed|WARNING/);
  });

  it("counts findings by severity and lists those that could not go inline", () => {
    const summary = renderSummary(
      input({
        inlineCount: 2,
        inline: [finding({ severity: "critical" }), finding({ title: "Second" })],
        outsideDiff: [finding({ path: "src/other.ts", line: 99, title: "Caller not updated", body: "other.ts still passes numbers.\n\nUpdate it." })],
        belowThreshold: [finding({ severity: "nit", category: "style", title: "Name could be clearer" })],
        overLimit: [finding({ severity: "minor", line: 30, title: "Missing test" })],
      }),
    );
    expect(summary).toContain("**5** findings: 2 posted as inline comments, 3 listed here.");
    expect(severityTable(summary)).toEqual([["🔴 Critical", "1"], ["🟠 Major", "2"], ["🟡 Minor", "1"], ["⚪ Nit", "1"]]);
    expect(summary).toContain("- **🟠 Major · bug** `src/other.ts:99` — Caller not updated: other.ts still passes numbers. Update it.");
    expect(summary).toMatch(/#### Over the comment limit\n.*maxComments.*\n- 🟡 Minor `src\/cart.ts:30` — Missing test/);
    expect(summary).toMatch(/<details><summary>1 below the configured threshold.*\n\n- ⚪ Nit `src\/cart.ts:20` — Name could be clearer\n\n<\/details>/);
    expect(summary).not.toContain("No issues found");
  });

  it("labels the table as partial when the inline findings themselves are not given", () => {
    const summary = renderSummary(input({ inlineCount: 3, overLimit: [finding()] }));
    expect(summary).toContain("| Severity | Listed here |");
    expect(severityTable(summary)).toEqual([["🔴 Critical", "0"], ["🟠 Major", "1"], ["🟡 Minor", "0"], ["⚪ Nit", "0"]]);
  });

  it("shortens a long body to one line, cut outside its code span and marked as cut", () => {
    const body = `${"word ".repeat(37)}\`${"x".repeat(40)}\` end`;
    const summary = renderSummary(input({ outsideDiff: [finding({ body })] }));
    const line = summary.split("\n").find((l) => l.includes("src/cart.ts:20"))!;
    expect(line).toMatch(/word …\(truncated\)$/);
    expect(line.match(/`/g)).toHaveLength(2); // the path's span only: none left open
    expect(line.length).toBeLessThan(300);
  });

  it("neutralises mentions, images, outside links and HTML in everything the model wrote", () => {
    const summary = renderSummary(
      input({
        answer: { summary: "cc @octocat ![x](https://evil.example/?q=1) <img src=x>", walkthrough: [{ path: "src/cart.ts", change: "see [here](https://evil.example)" }] },
        outsideDiff: [finding({ title: "@org/team look", body: "<script>alert(1)</script>" })],
      }),
    );
    expect(summary).toMatch(/### Summary\ncc @\u200Boctocat x *\n/);
    expect(summary).not.toContain("<img");
    expect(summary).toContain("| `src/cart.ts` | see here |");
    expect(summary).toContain("— @\u200Borg/team look: &lt;script>alert(1)&lt;/script>");
    expect(summary).not.toMatch(/evil\.example/);
    expect(summary.match(/<!--/g)).toHaveLength(1); // our marker only
  });

  it("makes every bot command inert, in the model's text and in file names shown as code, reading the same", () => {
    const summary = renderSummary(
      input({
        answer: { summary: "Fine.\n/lgtm\n/approve", walkthrough: [{ path: "@dependabot merge", change: "bors r+" }] },
        outsideDiff: [finding({ path: "docs/@Mergifyio queue.md", line: 1, title: "/hold", body: "@coderabbitai approve" })],
        skippedFiles: [{ path: "assets/@renovatebot rebase.png", reason: "binary" }],
      }),
    );
    expect(liveBotCommands(summary)).toEqual([]);
    expect(visible(summary)).toContain("### Summary\nFine.\n/lgtm\n/approve");
    expect(visible(summary)).toContain("| `@dependabot merge` | bors r+ |");
    expect(visible(summary)).toContain("`docs/@Mergifyio queue.md:1` — /hold: @coderabbitai approve");
    expect(visible(summary)).toContain("- `assets/@renovatebot rebase.png` — binary");
  });

  it("fits GitHub's 65,536 characters however many findings there are, keeping its marker", () => {
    const many = Array.from({ length: 2_000 }, (_, index) => finding({ line: index + 1, title: `Finding ${index} ${"t".repeat(200)}`, body: "b".repeat(190) }));
    const summary = renderSummary(input({ outsideDiff: many }));
    expect(summary.length).toBeLessThanOrEqual(65_536);
    expect(summary.startsWith(SUMMARY_MARKER)).toBe(true);
    expect(summary).toContain("…(truncated)");
    // The footer survives the cut: what the review cost stays on the pull request.
    expect(summary).toMatch(/<sub>Model `gpt-4\.1-mini` via openai · [^\n]*<\/sub>$/);
  });

  it("renders a failure with its stage, its message and what to do, and no findings section", () => {
    const summary = renderSummary(
      input({ answer: null, tokens: { input: 0, output: 0 }, failure: { stage: "asking the model", message: "the provider refused the API key (401): check OPENAI_API_KEY" } }),
    );
    expect(summary).toContain("**⚠️ Review failed at asking the model:** the provider refused the API key (401): check OPENAI_API_KEY");
    expect(summary).toContain("comment `/review` on this pull request to try again");
    expect(summary).not.toContain("No issues found");
    expect(summary).not.toContain("### Summary");
  });

  it("names the bad keys, each with what became of it", () => {
    const configErrors = [
      "`maxComments`: Too big: expected number to be <=50 — ignored; the default `10` applies",
      "`maxComents` is not a key; did you mean `maxComments`? — ignored",
    ];
    const summary = renderSummary(input({ configErrors }));
    expect(summary).toContain(
      [
        "> [!WARNING]",
        "> `.github/patchwise.yml` has settings Patchwise could not use. Fix these keys:",
        "> - `maxComments`: Too big: expected number to be &lt;=50 — ignored; the default `10` applies",
        "> - `maxComents` is not a key; did you mean `maxComments`? — ignored",
        "",
        "### Summary",
      ].join("\n"),
    );
  });

  it("lists 20 config problems and counts the rest", () => {
    const configErrors = Array.from({ length: 25 }, (_, i) => `\`key${i}\` is not a key — ignored`);
    const summary = renderSummary(input({ configErrors }));
    expect(summary).toContain("> - `key19` is not a key — ignored\n> - …and 5 more\n");
    expect(summary).not.toContain("`key20`");
  });

  it.each([
    ["up to 5 skipped files openly", 5, false],
    ["more than 5 skipped files in a collapsed block", 6, true],
  ])("lists %s, each with its reason", (_name, count, collapsed) => {
    const skippedFiles = Array.from({ length: count }, (_, i) => ({ path: `dist/f${i}.js`, reason: "build output (matches **/dist/**)" }));
    const summary = renderSummary(input({ skippedFiles }));
    for (const file of skippedFiles) expect(summary).toContain(`- \`${file.path}\` — build output (matches **/dist/**)`);
    expect(summary.includes(`<details><summary>${count} files not reviewed</summary>`)).toBe(collapsed);
    expect(summary.includes(`#### ${count} files not reviewed`)).toBe(!collapsed);
  });

  it("keeps file names with backticks or pipes from breaking the layout", () => {
    const summary = renderSummary(
      input({ answer: { summary: "s", walkthrough: [{ path: "docs/a|b.md", change: "x | y" }] }, skippedFiles: [{ path: "odd`name.bin", reason: "binary" }] }),
    );
    expect(summary).toContain("- ``odd`name.bin`` — binary");
    expect(summary).toContain("| `docs/a\\|b.md` | x \\| y |");
  });

  it("shows a notice and omits the commit when it is unknown", () => {
    const summary = renderSummary(input({ headSha: "", answer: null, notice: "Commit abc1234 already has a Patchwise review." }));
    expect(summary).toContain("ℹ️ Commit abc1234 already has a Patchwise review.");
    expect(summary).not.toContain("commit ");
  });
});

describe("renderSummary for a very large pull request", () => {
  it("lists at most 200 skipped files and counts the rest, staying far below GitHub's comment limit", () => {
    const skippedFiles = Array.from({ length: 3000 }, (_, i) => ({ path: `generated/file-${i}.ts`, reason: "over the maxFiles limit (300)" }));
    const summary = renderSummary({
      headSha: "a".repeat(40),
      model: "m",
      provider: "openai",
      tokens: { input: 1, output: 1 },
      answer: null,
      inlineCount: 0,
      outsideDiff: [],
      belowThreshold: [],
      overLimit: [],
      skippedFiles,
      configErrors: [],
      failure: null,
    });

    expect(summary).toContain("3000 files not reviewed");
    expect(summary).toContain("generated/file-199.ts");
    expect(summary).not.toContain("generated/file-200.ts");
    expect(summary).toContain("- …and 2800 more");
    expect(summary.length).toBeLessThan(30_000);
  });
});
