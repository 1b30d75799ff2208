import { describe, expect, it } from "@jest/globals";
import { findBotCommand, neutraliseBotCommands } from "../../../src/core/sanitize/neutralise-bot-commands.js";
import { GITHUB_COMMENT_MAX_LENGTH, sanitizePostedText } from "../../../src/core/sanitize/sanitize-posted-text.js";
import { createRandom } from "../../fixtures/secrets/make-secret-cases.js";
import { liveBotCommands, visible } from "../../helpers/live-bot-commands.js";

// Prow merges on `/lgtm` + `/approve` from any comment, a GitHub App's included; merge and review
// bots take `@dependabot merge`, `@Mergifyio queue`, `bors r+`... A line Patchwise posts must
// command none of them, and still read the same. Z is the zero-width space that does it.
const Z = "\u200B";

/** One command of each bot, as its documentation spells it. */
const COMMANDS = [
  "/lgtm",
  "/LGTM",
  "/approve no-issue",
  "/hold",
  "/retest",
  "/close",
  "/assign @mallory",
  "/remove-lgtm",
  "/gemini review",
  "/review",
  "@dependabot merge",
  "@Dependabot squash and merge",
  "@mergifyio queue",
  "@Mergifyio refresh",
  "bors r+",
  "Bors: merge",
  "bors try",
  "bors r=mallory",
  "@bors r+",
  "@renovate rebase",
  "@renovatebot recreate",
  "@coderabbitai approve",
  "@sourcery-ai review",
  "@gemini-code-assist review",
  "@copilot merge this",
  "@codecov-ai-reviewer review",
  "@qodo-merge /improve",
  "@pr-agent /review",
];

describe("neutraliseBotCommands", () => {
  it.each([
    ["a slash command alone on a line", "/lgtm", `${Z}/lgtm`],
    ["one after other lines", "Looks fine.\n/approve", `Looks fine.\n${Z}/approve`],
    ["one after whitespace, a quote and a list marker", "  > - /hold", `  > - ${Z}/hold`],
    ["one in a numbered list", "1. /retest\n2) /close", `1. ${Z}/retest\n2) ${Z}/close`],
    ["one after a line break Python's splitlines knows", "ok\u2028/lgtm\r/approve", `ok\u2028${Z}/lgtm\r${Z}/approve`],
    ["a merge bot's mention at the start of a line", "@dependabot merge", `@${Z}dependabot merge`],
    ["a mention in any case, after a letter", "x@MergifyIO queue", `x@${Z}MergifyIO queue`],
    ["a login that ends in bot", "@pytorchbot merge", `@${Z}pytorchbot merge`],
    ["bors and its command anywhere in a line, keeping its case", "then Bors: r+ please", `then B${Z}ors: r+ please`],
    ["a command inside a code span", "`@coderabbitai review`", `\`@${Z}coderabbitai review\``],
  ])("neutralises %s", (_case, text, expected) => {
    expect(neutraliseBotCommands(text)).toBe(expected);
  });

  it.each([
    ["comments and paths", "// a comment\n/* block */\nsrc/a.ts and /usr/local"],
    ["a slash inside a line", "and/or 1/2 https://github.com/o/r"],
    ["a command behind a backslash escape, which starts the raw line with `\\`", "\\/lgtm"],
    ["people, decorators and e-mail addresses", "@octocat @Override dev@example.com"],
    ["bors without a command", "bors is our merge bot; borsch"],
    ["a login that merely starts like a bot's", "@dependabotty @copilots"],
  ])("leaves alone %s", (_case, text) => {
    expect(neutraliseBotCommands(text)).toBe(text);
  });

  it.each(COMMANDS)("makes %s inert at the start of a line, inside one, in code, and after markers, while it reads the same", (command) => {
    const text = [command, `see ${command} here`, `\`${command}\``, "```", command, "```", `> * ${command}`].join("\n");
    const inert = neutraliseBotCommands(text);
    expect(liveBotCommands(text)).not.toEqual([]);
    expect(liveBotCommands(inert)).toEqual([]);
    expect(visible(inert)).toBe(text);
    expect(neutraliseBotCommands(inert)).toBe(inert);
  });

  it("says which kind of command a text holds", () => {
    expect(findBotCommand("x = 1\n  /lgtm")).toBe("slash command");
    expect(findBotCommand("x = 1 // @dependabot merge")).toBe("bot named");
    expect(findBotCommand("x = a / b // @octocat")).toBeNull();
  });
});

describe("sanitizePostedText: bot commands", () => {
  const sanitize = (text: string, singleLine = false) => sanitizePostedText(text, { githubHost: "github.com", maxLength: GITHUB_COMMENT_MAX_LENGTH, singleLine });

  it.each([
    ["in prose", "/lgtm\n> /approve\n- @dependabot merge\nbors r+", `${Z}/lgtm\n> ${Z}/approve\n- @${Z}dependabot merge\nb${Z}ors r+`],
    ["in a code span", "`@Mergifyio queue` and `bors merge`", `\`@${Z}Mergifyio queue\` and \`b${Z}ors merge\``],
    ["in fenced code, which Prow reads as raw lines", "```sh\n/approve\n  @renovate rebase\n```", `\`\`\`sh\n${Z}/approve\n  @${Z}renovate rebase\n\`\`\``],
    ["in a model's suggestion block, shown as plain code", "```suggestion\n/lgtm\n```", `\`\`\`text\n${Z}/lgtm\n\`\`\``],
  ])("neutralises commands %s", (_case, text, expected) => {
    expect(sanitize(text)).toBe(expected);
  });

  it("neutralises a one-line text that starts with a command, wherever it is placed", () => {
    expect(sanitize("  /lgtm\n", true)).toBe(`${Z}/lgtm`);
  });

  it("leaves no live command in thousands of generated lines, each still reading the same", () => {
    const random = createRandom(15);
    const pick = <T>(items: readonly T[]): T => items[Number.parseInt(random("0123456789", 6), 10) % items.length]!;
    const prefixes = ["", " ", "\t", "   ", "> ", ">", "- ", "* ", "+ ", "1. ", "12) ", "\u00A0", "\uFEFF"];
    const breaks = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\v", "\f", "\x85", "\x1e"];
    const words = ["please", "merge", "now", "and", "ok", "x"];
    const lineOf = () => {
      const command = pick(COMMANDS);
      const prefix = Array.from({ length: Number.parseInt(random("0123", 1), 10) }, () => pick(prefixes)).join("");
      const tail = Array.from({ length: Number.parseInt(random("012", 1), 10) }, () => ` ${pick(words)}`).join("");
      const line = `${prefix}${command}${tail}`;
      return { command, line: pick([line, `${pick(words)} ${command}`, `\`${command}\``]) };
    };
    for (let text = 0; text < 300; text++) {
      const lines = Array.from({ length: 8 }, lineOf);
      const fenced = random("01", 1) === "1";
      const body = lines.map((entry) => entry.line);
      const joined = fenced ? ["```", ...body, "```"].join("\n") : body.map((line, index) => (index === 0 ? line : `${pick(breaks)}${line}`)).join("");

      const inert = neutraliseBotCommands(joined);
      expect(liveBotCommands(inert)).toEqual([]);
      expect(visible(inert)).toBe(joined);

      const posted = sanitize(joined);
      expect(liveBotCommands(posted)).toEqual([]);
      for (const { command } of lines) expect(visible(posted)).toContain(command);
      expect(liveBotCommands(sanitize(joined, true))).toEqual([]);
    }
  });
});
