import type { ReviewRange } from "../review/plan-incremental-range.js";
import type { CheckRunUpdate } from "./check-run-update.js";

export interface ReviewProgress {
  /** Files of the pull request read and selected for the model. */
  files: number;
  requestsDone: number;
  requestsTotal: number;
  range: ReviewRange | null;
  /** What happened along the way, oldest first: requests split or retried ("request 3 of 8 split in two after the server's 8,192-token limit"). */
  events?: string[];
}

// The latest few: a check run's text is short, and a small-window server may split many requests.
const MAX_EVENTS = 10;

/** The short progress text of a running review: files read, model requests done of all. */
export function describeReviewProgress(progress: ReviewProgress): CheckRunUpdate {
  const { files, requestsDone, requestsTotal, range } = progress;
  const events = (progress.events ?? []).slice(-MAX_EVENTS);
  const since = range?.kind === "incremental" ? ` with changes since \`${range.baseSha.slice(0, 7)}\`` : "";
  return {
    status: "in_progress",
    title: `Reviewing ${files} file${files === 1 ? "" : "s"}: ${requestsDone} of ${requestsTotal} model request${requestsTotal === 1 ? "" : "s"} done`,
    summary: `Files read: ${files}${since}. Model requests done: ${requestsDone} of ${requestsTotal}.${events.length > 0 ? `\n\n${events.map((event) => `- ${event}`).join("\n")}` : ""}`,
  };
}
