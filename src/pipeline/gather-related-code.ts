import { rankContextPaths } from "../core/context/rank-context-paths.js";
import { selectRelatedCode } from "../core/context/select-related-code.js";
import type { RelatedCodeSelection } from "../core/context/types.js";
import type { FilePatch } from "../core/types.js";
import type { Logger } from "../log.js";
import { loadSyntaxService } from "../syntax/load-parsers.js";
import type { RepoReader } from "./ports.js";

export interface GatherOptions {
  reader: RepoReader;
  /** The commit to read (the PR's head sha; the working tree ignores it). */
  ref: string;
  budgetLines: number;
  log: Logger;
  ids: object;
  signal?: AbortSignal;
}

/**
 * The related-code step for `prepareReview`: read the repository into memory, parse what matters
 * and select within the budget. Related code improves a review but is not needed for one, so a
 * failure here is logged (type only) and the review goes on with the diff alone.
 */
export function gatherRelatedCode(options: GatherOptions): (patches: FilePatch[]) => Promise<RelatedCodeSelection | null> {
  return async (patches) => {
    if (options.budgetLines === 0) return null;
    try {
      const repo = await options.reader.readSnapshot({ ref: options.ref, rank: rankContextPaths(patches), ...(options.signal ? { signal: options.signal } : {}) });
      const paths = repo.listPaths();
      const syntax = await loadSyntaxService(paths);
      const selection = selectRelatedCode({ patches, repo, syntax, budgetLines: options.budgetLines });
      options.log.info({ ...options.ids, snapshotFiles: paths.length, snippets: selection.snippets.length, dropped: selection.dropped.count }, "related code selected");
      return selection;
    } catch (error) {
      if (options.signal?.aborted) throw error;
      options.log.warn({ ...options.ids, errorType: (error as Error)?.name ?? typeof error }, "related code unavailable; reviewing the diff alone");
      return null;
    }
  };
}
