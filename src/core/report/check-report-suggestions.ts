import { checkSuggestion, type ParseCheck } from "../findings/check-suggestion.js";
import { codeSyntaxFor } from "../findings/code-syntax.js";
import { readCommentedLines } from "../findings/read-commented-lines.js";
import type { AnchoredFindings } from "../review/anchor-findings.js";
import { fenceCodeBlock } from "../review/fence-code-block.js";
import type { FilePatch, Finding } from "../types.js";

export interface ReportSuggestionInput {
  /** The patches as reviewed: the commented lines are read from them. */
  patches: readonly FilePatch[];
  /** The file as it is now (the working tree), for the range, indentation and parse checks. */
  fileTextOf?: (path: string) => string | undefined;
  parseCheck?: ParseCheck;
}

/**
 * A local report's findings with their suggestions put through the same five checks as the
 * App's inline comments: a passing one stays a replacement (re-indented like the file), one that
 * fails a check moves into the finding's text as plain code with the reason, and one that adds
 * nothing is dropped. Findings below the threshold are left as they are (the report only counts them).
 */
export function checkReportSuggestions(anchored: AnchoredFindings, input: ReportSuggestionInput): AnchoredFindings {
  const linesOf = readCommentedLines(input.patches);
  const check = (finding: Finding): Finding => {
    if (finding.suggestion === null) return finding;
    const fileText = input.fileTextOf?.(finding.path);
    // Outside the diff the lines come from the file itself: locally, it is there to read.
    const originalLines = linesOf(finding) ?? fileText?.replace(/\r\n?/g, "\n").split("\n").slice((finding.startLine ?? finding.line) - 1, finding.line) ?? [];
    const result = checkSuggestion({ finding, originalLines, ...(fileText === undefined ? {} : { fileText }), ...(input.parseCheck ? { parseCheck: input.parseCheck } : {}) });
    if (result.kind === "committable") return { ...finding, suggestion: result.text };
    if (result.kind === "drop") return { ...finding, suggestion: null };
    const note = `_Suggested change, not offered as a replacement because ${result.reason}:_\n\n${fenceCodeBlock(result.text, codeSyntaxFor(finding.path).fence)}`;
    return { ...finding, suggestion: null, body: `${finding.body.trimEnd()}\n\n${note}` };
  };
  return { inline: anchored.inline.map(check), overLimit: anchored.overLimit.map(check), outsideDiff: anchored.outsideDiff.map(check), belowThreshold: anchored.belowThreshold };
}
