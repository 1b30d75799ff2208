import type { Side } from "../types.js";

/** One inline comment exactly as `POST /repos/{owner}/{repo}/pulls/{n}/reviews` takes it. */
export interface ReviewComment {
  path: string;
  body: string;
  line: number;
  side: Side;
  start_line?: number;
  start_side?: Side;
}

/** The body of the one review request; `event` is always COMMENT (never APPROVE or REQUEST_CHANGES). */
export interface ReviewRequest {
  commit_id: string;
  event: "COMMENT";
  body: string;
  comments: ReviewComment[];
}
