import { fenceCodeBlock } from "../review/fence-code-block.js";
import { neutraliseBotCommands } from "../sanitize/neutralise-bot-commands.js";
import { codeSyntaxFor } from "./code-syntax.js";
import type { SuggestionCheck } from "./check-suggestion.js";

/**
 * The part of an inline comment that shows the suggestion: a one-click block, a plain block with
 * the reason, or nothing. Plain code is nobody's to commit, so it is made inert to other bots;
 * a committable one already holds no command (`checkSuggestion`).
 */
export function renderSuggestionBlock(check: SuggestionCheck, path: string): string {
  if (check.kind === "drop") return "";
  if (check.kind === "committable") return fenceCodeBlock(check.text, "suggestion");
  return `_Suggested change, not offered as a one-click suggestion because ${check.reason}:_\n\n${fenceCodeBlock(neutraliseBotCommands(check.text), codeSyntaxFor(path).fence)}`;
}
