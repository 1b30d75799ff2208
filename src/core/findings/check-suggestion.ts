import { findBotCommand, type BotCommandKind } from "../sanitize/neutralise-bot-commands.js";
import type { Finding } from "../types.js";
import { codeSyntaxFor } from "./code-syntax.js";
import { detectIndentation, leadingWhitespace } from "./detect-indentation.js";
import { findCutOff } from "./find-cut-off.js";
import { isRemovalFinding } from "./is-removal-finding.js";
import { normaliseCode } from "./normalise-code.js";
import { reindentSuggestion } from "./reindent-suggestion.js";
import { scanCode } from "./scan-code.js";

/** Counts syntax errors in a whole file (tree-sitter in the shell); null when it cannot parse that language. */
export type ParseCheck = (path: string, fileText: string) => { errors: number } | null;

/** Which check decided; `plain` and `drop` results name it so reports can count by reason. */
export type SuggestionCheckName = "none" | "range" | "empty" | "identical" | "bot-command" | "cut-off" | "parse";

export type SuggestionCheck =
  | { kind: "committable"; text: string }
  | { kind: "plain"; text: string; reason: string; check: SuggestionCheckName }
  | { kind: "drop"; reason: string; check: SuggestionCheckName };

export interface CheckSuggestionInput {
  finding: Pick<Finding, "path" | "line" | "startLine" | "side" | "title" | "body" | "suggestion"> & { removal?: boolean | null };
  /** The commented lines as the diff shows them (see `readCommentedLines`). */
  originalLines: readonly string[];
  /** The whole new file: confirms the lines, shows its indentation, and lets `parseCheck` run. */
  fileText?: string;
  parseCheck?: ParseCheck;
}

const BOT_COMMAND_REASONS: Record<BotCommandKind, string> = {
  "slash command": "a line starts with a bot command",
  "bot named": "it names a bot that takes commands from comments",
};

// Some models fence the suggestion despite the prompt; the fence is never part of the code.
const FENCED = /^```[\w+-]*\n([\s\S]*?)\n?```$/;

/**
 * Decides how a finding's suggestion is shown: a one-click `suggestion` block only when it
 * replaces exactly the commented lines of the new file, changes more than whitespace, is empty
 * only for a removal, holds no command another bot would obey, is not cut off and (with
 * `parseCheck`) parses no worse than the file did. A suggestion failing a check becomes a plain
 * code block with the reason; one that adds nothing (identical, or empty) is dropped. The text is
 * re-indented the way the file is indented.
 */
export function checkSuggestion(input: CheckSuggestionInput): SuggestionCheck {
  const { finding } = input;
  if (finding.suggestion === null) return { kind: "drop", reason: "no suggestion", check: "none" };
  const syntax = codeSyntaxFor(finding.path);
  const original = input.originalLines.map((line) => line.replace(/\r$/, ""));
  const fileLines = input.fileText?.replace(/\r\n?/g, "\n").split("\n");
  const rangeProblem = findRangeProblem(input, original, fileLines);
  const raw = unfence(finding.suggestion.replace(/\r\n?/g, "\n")).replace(/\n$/, "");

  if (raw.trim() === "") {
    if (!isRemovalFinding(finding)) return { kind: "drop", reason: "the suggestion is empty, but the finding does not ask for a removal", check: "empty" };
    return rangeProblem === null ? { kind: "committable", text: "" } : { kind: "drop", reason: rangeProblem, check: "range" };
  }

  const rawLines = raw.split("\n");
  const lines = reindentSuggestion(rawLines, {
    baseIndent: leadingWhitespace(original.find((line) => line.trim() !== "") ?? ""),
    fileIndentation: detectIndentation(fileLines ?? original),
    startsInString: scanCode(raw, syntax).startsInString,
  });
  const text = lines.join("\n");
  const keepIndentation = syntax.indentationMatters;
  if (normaliseCode(text, { keepIndentation }) === normaliseCode(original.join("\n"), { keepIndentation })) {
    return { kind: "drop", reason: "the suggestion is identical to the commented lines", check: "identical" };
  }
  // Committed as written, so it cannot be neutralised: shown as plain code, it can.
  const command = findBotCommand(text);
  if (command !== null) return { kind: "plain", text, reason: BOT_COMMAND_REASONS[command], check: "bot-command" };
  if (rangeProblem !== null) return { kind: "plain", text, reason: rangeProblem, check: "range" };
  const cutOff = findCutOff(original, lines, syntax);
  if (cutOff !== null) return { kind: "plain", text, reason: cutOff, check: "cut-off" };
  const parseProblem = fileLines && input.parseCheck ? findParseProblem(input.parseCheck, finding, fileLines, lines) : null;
  if (parseProblem !== null) return { kind: "plain", text, reason: parseProblem, check: "parse" };
  return { kind: "committable", text };
}

function findRangeProblem(input: CheckSuggestionInput, original: readonly string[], fileLines: readonly string[] | undefined): string | null {
  const { finding } = input;
  if (finding.side !== "RIGHT") return "it is on deleted lines, and GitHub applies suggestions to the new file only";
  const start = finding.startLine ?? finding.line;
  const expected = finding.line - start + 1;
  const inFile = fileLines === undefined || (finding.line <= fileLines.length && fileLines.slice(start - 1, finding.line).every((line, index) => line === original[index]));
  return expected >= 1 && original.length === expected && inFile ? null : "the commented lines could not all be found in the new file";
}

function findParseProblem(parseCheck: ParseCheck, finding: CheckSuggestionInput["finding"], fileLines: readonly string[], lines: readonly string[]): string | null {
  const start = finding.startLine ?? finding.line;
  const spliced = [...fileLines.slice(0, start - 1), ...lines, ...fileLines.slice(finding.line)];
  const before = parseCheck(finding.path, fileLines.join("\n"));
  const after = parseCheck(finding.path, spliced.join("\n"));
  if (before === null || after === null || after.errors <= before.errors) return null;
  const added = after.errors - before.errors;
  return `the file would not parse with it (${added} new syntax error${added === 1 ? "" : "s"})`;
}

function unfence(text: string): string {
  return FENCED.exec(text.trim())?.[1] ?? text;
}
