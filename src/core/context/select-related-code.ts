import type { FilePatch } from "../types.js";
import { buildCallerCandidates } from "./build-caller-candidates.js";
import { buildDeclarationCandidates } from "./build-declaration-candidates.js";
import { buildDefinitionCandidates } from "./build-definition-candidates.js";
import { buildEnclosingCandidates } from "./build-enclosing-candidates.js";
import { extensionOf, stemOf } from "./build-path-index.js";
import { collectChangedLines, type ChangedLines } from "./collect-changed-lines.js";
import { collectChangedSymbols, type ChangedSymbol } from "./collect-changed-symbols.js";
import { collectOldFragments } from "./collect-old-fragments.js";
import { createRepoIndex } from "./create-repo-index.js";
import { joinSnippetRanges } from "./join-snippet-ranges.js";
import { rankCandidates } from "./rank-candidates.js";
import type { RepoSnapshot } from "./repo-snapshot.js";
import { selectWithinBudget } from "./select-within-budget.js";
import type { ContextCandidate, RelatedCodeSelection, RelatedSnippet, SelectionLimits, SyntaxService } from "./types.js";

export const DEFAULT_SELECTION_LIMITS: SelectionLimits = {
  budgetLines: 800,
  maxSnippetLines: 120,
  maxParsedFiles: 400,
  maxParseChars: 400_000,
  maxFilesPerName: 60,
  maxCallersPerSymbol: 6,
};

const MAX_REASONS = 3;
const MAX_SYMBOLS = 40;

export interface SelectRelatedCodeInput {
  patches: readonly FilePatch[];
  /** The head revision (what the pull request would merge). */
  repo: RepoSnapshot;
  syntax: SyntaxService;
  /** Total lines of related code (default 800). */
  budgetLines?: number;
  limits?: Partial<Omit<SelectionLimits, "budgetLines">>;
}

/**
 * The code most related to a change, within a line budget: the definitions around the changed
 * lines and the declarations of the locals they use, the definitions of the names they use, the callers of what they change, and the tests
 * of it, ranked in that order, de-duplicated and merged per file.
 */
export function selectRelatedCode(input: SelectRelatedCodeInput): RelatedCodeSelection {
  const limits: SelectionLimits = { ...DEFAULT_SELECTION_LIMITS, ...input.limits, budgetLines: input.budgetLines ?? DEFAULT_SELECTION_LIMITS.budgetLines };
  const extensions = new Set(input.patches.map((patch) => extensionOf(patch.path)).filter((ext) => ext !== ""));
  const index = createRepoIndex(input.repo, input.syntax, limits, extensions);
  const changes = new Map<string, ChangedLines>(input.patches.filter((patch) => patch.status !== "removed").map((patch) => [patch.path, collectChangedLines(patch)]));

  const candidates: ContextCandidate[] = [];
  for (const changed of changes.values()) {
    if (!index.paths.has(changed.path)) continue;
    candidates.push(...buildEnclosingCandidates(index, changed), ...buildDeclarationCandidates(index, changed), ...buildDefinitionCandidates(index, changed, changes));
  }
  // The first MAX_SYMBOLS in file order; later files are not parsed for them.
  const symbols: ChangedSymbol[] = [];
  for (const patch of input.patches) {
    if (symbols.length >= MAX_SYMBOLS) break;
    symbols.push(...collectChangedSymbols(index, changes.get(patch.path) ?? collectChangedLines(patch), collectOldFragments(patch), patch.status === "removed" || !index.paths.has(patch.path)));
  }
  symbols.splice(MAX_SYMBOLS);
  // Their uses, and tests named after their files, are searched in one pass over the repository.
  index.prefetchMentions([...symbols.map((symbol) => symbol.name), ...symbols.map((symbol) => stemOf(symbol.path))]);
  candidates.push(...buildCallerCandidates(index, symbols, changes));

  const valid = candidates.filter((candidate) => candidate.startLine >= 1 && candidate.endLine >= candidate.startLine);
  index.stats.candidates = valid.length;
  const { kept, dropped, signaturesOnly, lines } = selectWithinBudget(rankCandidates(valid), limits.budgetLines);
  index.stats.selectedLines = lines;
  const snippets: RelatedSnippet[] = joinSnippetRanges(kept, (path) => index.outline(path)).map((range) => {
    const lines = index.lines(range.path) ?? [];
    const shown = range.gaps.length === 0 ? lines.slice(range.startLine - 1, range.endLine) : lines.slice(range.startLine - 1, range.endLine).filter((_, offset) => !range.gaps.some((gap) => gap.startLine <= range.startLine + offset && range.startLine + offset <= gap.endLine));
    return {
      path: range.path,
      startLine: range.startLine,
      endLine: range.endLine,
      reason: summarizeReasons(range.reasons),
      relation: range.relation,
      ...(range.gaps.length > 0 && { gaps: range.gaps }),
      text: shown.join("\n"),
    };
  });
  return { snippets, dropped, signaturesOnly, stats: index.stats };
}

function summarizeReasons(reasons: string[]): string {
  const shown = reasons.slice(0, MAX_REASONS).join("; ");
  return reasons.length > MAX_REASONS ? `${shown}; and ${reasons.length - MAX_REASONS} more` : shown;
}
