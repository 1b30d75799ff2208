import type { ReviewRange } from "../review/plan-incremental-range.js";
import type { CheckRunUpdate } from "./check-run-update.js";

export interface ReviewProgress {
  /** Files of the pull request read and selected for the model. */
  files: number;
  requestsDone: number;
  requestsTotal: number;
  range: ReviewRange | null;
}

/** The short progress text of a running review: files read, model requests done of all. */
export function describeReviewProgress(progress: ReviewProgress): CheckRunUpdate {
  const { files, requestsDone, requestsTotal, range } = progress;
  const since = range?.kind === "incremental" ? ` with changes since \`${range.baseSha.slice(0, 7)}\`` : "";
  return {
    status: "in_progress",
    title: `Reviewing ${files} file${files === 1 ? "" : "s"}: ${requestsDone} of ${requestsTotal} model request${requestsTotal === 1 ? "" : "s"} done`,
    summary: `Files read: ${files}${since}. Model requests done: ${requestsDone} of ${requestsTotal}.`,
  };
}
