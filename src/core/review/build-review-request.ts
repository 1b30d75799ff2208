import { capPostedLength } from "../sanitize/cap-posted-length.js";
import { GITHUB_COMMENT_MAX_LENGTH } from "../sanitize/sanitize-posted-text.js";
import type { Finding, Side } from "../types.js";
import { formatSeverity } from "./format-severity.js";
import { postedBlock, postedLine, type PostedTextRules } from "./posted-text.js";

const TITLE_CHARS = 300;
const BODY_CHARS = 8_000;

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

/**
 * The hidden marker of one review run, added to the review it posts: after a failed POST, the run
 * looks for this marker alone, so an earlier review of the same commit never passes for its own.
 * `runId` is the shell's (a random id), never anything from the pull request.
 */
export function renderRunMarker(runId: string): string {
  return `<!-- patchwise:run=${runId} -->`;
}

/** An inline finding and what its comment shows after its text (other places, suggestion, hidden marker). */
export type InlineComment = Finding & { extras: readonly string[] };

/**
 * The one batched review request: event COMMENT, one comment per inline finding. The model's title
 * and body are sanitised (no mention, image, outside link or HTML) before our extras and hidden
 * marker are added, so our marker is the only HTML comment in the body.
 */
export function buildReviewRequest(input: { headSha: string; inline: InlineComment[]; body: string; rules: PostedTextRules }): ReviewRequest {
  return { commit_id: input.headSha, event: "COMMENT", body: input.body, comments: input.inline.map((finding) => toComment(finding, input.rules)) };
}

function toComment(finding: InlineComment, rules: PostedTextRules): ReviewComment {
  const range = finding.startLine !== null && finding.startLine < finding.line ? { start_line: finding.startLine, start_side: finding.side } : {};
  return { path: finding.path, body: renderCommentBody(finding, rules), line: finding.line, side: finding.side, ...range };
}

function renderCommentBody(finding: InlineComment, rules: PostedTextRules): string {
  const title = postedLine(finding.title, rules, TITLE_CHARS);
  const body = postedBlock(finding.body.trim(), rules, BODY_CHARS);
  return capPostedLength([`**${formatSeverity(finding.severity)} · ${finding.category}** — ${title}`, body, ...finding.extras].join("\n\n"), GITHUB_COMMENT_MAX_LENGTH);
}
