import { fenceCodeBlock } from "../review/fence-code-block.js";
import { codeSyntaxFor } from "./code-syntax.js";
import type { SuggestionCheck } from "./check-suggestion.js";

/** The part of an inline comment that shows the suggestion: a one-click block, a plain block with the reason, or nothing. */
export function renderSuggestionBlock(check: SuggestionCheck, path: string): string {
  if (check.kind === "drop") return "";
  if (check.kind === "committable") return fenceCodeBlock(check.text, "suggestion");
  return `_Suggested change, not offered as a one-click suggestion because ${check.reason}:_\n\n${fenceCodeBlock(check.text, codeSyntaxFor(path).fence)}`;
}
