import type { Finding, Side } from "../types.js";
import { formatSeverity } from "./format-severity.js";

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

/** Start of the hidden marker in every Patchwise review body; the full marker also names the head sha. */
export const REVIEW_MARKER_PREFIX = "<!-- patchwise:review";

/** The hidden marker that lets a later run recognise its own review of this commit. */
export function renderReviewMarker(headSha: string): string {
  return `${REVIEW_MARKER_PREFIX} sha=${headSha} -->`;
}

/** An inline finding and what its comment shows after its text (other places, suggestion, hidden marker). */
export type InlineComment = Finding & { extras: readonly string[] };

/** The one batched review request: event COMMENT, one comment per inline finding. */
export function buildReviewRequest(input: { headSha: string; inline: InlineComment[]; body: string }): ReviewRequest {
  return { commit_id: input.headSha, event: "COMMENT", body: input.body, comments: input.inline.map(toComment) };
}

function toComment(finding: InlineComment): ReviewComment {
  const range = finding.startLine !== null && finding.startLine < finding.line ? { start_line: finding.startLine, start_side: finding.side } : {};
  return { path: finding.path, body: renderCommentBody(finding), line: finding.line, side: finding.side, ...range };
}

function renderCommentBody(finding: InlineComment): string {
  const title = finding.title.replace(/\s+/g, " ").trim();
  return [`**${formatSeverity(finding.severity)} · ${finding.category}** — ${title}`, finding.body.trim(), ...finding.extras].join("\n\n");
}
