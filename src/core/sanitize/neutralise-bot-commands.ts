import { ZERO_WIDTH_SPACE } from "./neutralise-references.js";

/**
 * Logins of bots that take commands from any comment, GitHub Apps' included: merge bots
 * (Dependabot, Mergify, bors, Renovate), review bots and coding agents that push commits. Any
 * login ending in `bot` counts too.
 */
export const COMMAND_BOTS = [
  "dependabot",
  "mergify",
  "mergifyio",
  "bors",
  "renovate",
  "renovatebot",
  "coderabbitai",
  "sourcery-ai",
  "gemini-code-assist",
  "copilot",
  "codecov-ai",
  "codecov-ai-reviewer",
  "qodo-merge",
  "qodo-merge-pro",
  "pr-agent",
  "codiumai-pr-agent",
  "greptileai",
  "ellipsis-dev",
  "korbit-ai",
  "claude",
  "codex",
  "cursor",
] as const;

// Bots read the raw body line by line, and some split lines the way Python's `splitlines` does.
const LINE_BREAK = /(\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])/;
// Prow reads `(?mi)^/word` as a command; whitespace, quote and list markers before it are skipped
// too, for bots that trim or read the rendered text.
const SLASH_COMMAND = /^(?:[\s>*+-]|\d+[.)])*(?=\/[A-Za-z0-9-])/;
// Case-insensitive and anywhere in a line (Mergify, rust-lang's bors, review bots), even after a
// letter: `x@coderabbitai` reaches a bot that looks for the login, though GitHub notifies nobody.
const BOT_MENTION = new RegExp(`@(?=(?:${COMMAND_BOTS.join("|")}|[A-Za-z0-9-]{0,36}bot)(?![A-Za-z0-9-]))`, "gi");
// bors-ng's `bors r+`, `bors: merge`, `bors try`...: the word, then one of its commands on the same line.
const BORS_COMMAND = /(?<![A-Za-z0-9_])(b)(?=ors:?[^\S\n]+(?:r[+=-]|[+-]r|merge|try|retry|delegate|d[+=]|p=|ping|single))/gi;

/** What makes a text a command to another bot: a line that starts with one, or a bot named in it. */
export type BotCommandKind = "slash command" | "bot named";

/**
 * Makes text inert to other bots while it reads the same: a zero-width space goes before a
 * slash command at the start of any line (after whitespace, `>` and list markers), after the `@`
 * of a bot's login, and into `bors` before a command. Code spans and fenced code are treated
 * too, since bots read the raw markdown. Idempotent: what it wrote, it leaves alone.
 */
export function neutraliseBotCommands(text: string): string {
  return neutraliseBotNames(neutraliseSlashCommands(text));
}

/** Which kind of bot command `text` holds (the first found), or null when it holds none. */
export function findBotCommand(text: string): BotCommandKind | null {
  if (neutraliseSlashCommands(text) !== text) return "slash command";
  return neutraliseBotNames(text) === text ? null : "bot named";
}

function neutraliseSlashCommands(text: string): string {
  // Odd indexes are the line breaks themselves.
  return text
    .split(LINE_BREAK)
    .map((part, index) => (index % 2 === 0 ? part.replace(SLASH_COMMAND, (prefix) => prefix + ZERO_WIDTH_SPACE) : part))
    .join("");
}

function neutraliseBotNames(text: string): string {
  return text.replace(BOT_MENTION, `@${ZERO_WIDTH_SPACE}`).replace(BORS_COMMAND, `$1${ZERO_WIDTH_SPACE}`);
}
