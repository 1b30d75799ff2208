import { rankContextPaths } from "../core/context/rank-context-paths.js";
import type { ParseCheck } from "../core/findings/check-suggestion.js";
import type { FilePatch, Finding } from "../core/types.js";
import type { Logger } from "../log.js";
import { loadParseCheck } from "../syntax/create-parse-check.js";
import type { RepoReader } from "./ports.js";

export interface SuggestionChecks {
  /** The file's text at the head commit (or in the working tree), for the range, indentation and parse checks. */
  fileTextOf?: (path: string) => string | undefined;
  parseCheck?: ParseCheck;
}

export interface PrepareSuggestionChecksOptions {
  /** Reads the repository (share it with related code, see `shareSnapshot`, so it is read once). */
  reader: RepoReader;
  /** The head commit (the working-tree reader ignores it). */
  ref: string;
  /** The changed files: the reader reads them first when it must be selective. */
  patches: readonly FilePatch[];
  log: Logger;
  ids: object;
  signal?: AbortSignal;
}

/**
 * What the suggestion checks need from outside the core: the new text of each file a suggestion
 * changes and a tree-sitter parse check for its language. Only when a finding has a suggestion;
 * a failure leaves the checks that need them out (logged by type) rather than failing the review.
 */
export async function prepareSuggestionChecks(findings: readonly Finding[], options: PrepareSuggestionChecksOptions): Promise<SuggestionChecks> {
  const paths = new Set(findings.filter((finding) => finding.suggestion !== null && finding.side === "RIGHT").map((finding) => finding.path));
  if (paths.size === 0) return {};
  const checks: SuggestionChecks = {};
  try {
    const snapshot = await options.reader.readSnapshot({ ref: options.ref, rank: rankContextPaths(options.patches), ...(options.signal ? { signal: options.signal } : {}) });
    checks.fileTextOf = (path) => snapshot.readText(path);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    options.log.warn({ ...options.ids, errorType: (error as Error)?.name ?? typeof error }, "file text unavailable; suggestions checked against the diff only");
    return checks;
  }
  try {
    checks.parseCheck = await loadParseCheck(paths);
  } catch (error) {
    options.log.warn({ ...options.ids, errorType: (error as Error)?.name ?? typeof error }, "parser unavailable; suggestions not checked for syntax errors");
  }
  return checks;
}
