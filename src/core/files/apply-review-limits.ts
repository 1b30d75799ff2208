import type { ChangedFile, SkippedFile } from "../types.js";

export interface ReviewLimits {
  maxFiles: number;
  /** Most additions + deletions reviewed in one pull request; none when unset (the token and cost budgets guard instead). */
  maxChangedLines?: number | undefined;
}

const CONFIG_FILE = ".github/patchwise.yml";

/**
 * Keeps files, in the order given, while they stay within the repository's limits; every file
 * left out is named with the limit that stopped it. A file too large for the line limit is
 * skipped but smaller files after it may still fit.
 */
export function applyReviewLimits(files: readonly ChangedFile[], limits: ReviewLimits): { kept: ChangedFile[]; skipped: SkippedFile[] } {
  const kept: ChangedFile[] = [];
  const skipped: SkippedFile[] = [];
  let lines = 0;
  for (const file of files) {
    const changes = file.additions + file.deletions;
    if (kept.length >= limits.maxFiles) {
      skipped.push({ path: file.path, reason: `over the limit of ${limits.maxFiles} files per review (limits.maxFiles in ${CONFIG_FILE})` });
    } else if (limits.maxChangedLines !== undefined && lines + changes > limits.maxChangedLines) {
      skipped.push({
        path: file.path,
        reason: `its ${changes} changed lines would pass the limit of ${limits.maxChangedLines} changed lines per review (limits.maxChangedLines in ${CONFIG_FILE})`,
      });
    } else {
      kept.push(file);
      lines += changes;
    }
  }
  return { kept, skipped };
}
