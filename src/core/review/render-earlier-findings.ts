import type { ExistingComment } from "../findings/read-fingerprints.js";

// Enough for the model to know what the review said, not a second copy of the review.
const MAX_FINDINGS = 30;
const MAX_TITLE_LENGTH = 200;

/**
 * The findings of Patchwise's earlier reviews that still stand (not dismissed, not resolved), one
 * line each: where, and the first line of the comment. Model-written from the pull request's code,
 * so the caller fences it as untrusted data.
 */
export function renderEarlierFindings(comments: readonly ExistingComment[]): string {
  const open = comments.filter((comment) => !comment.dismissed && !comment.resolved);
  if (open.length === 0) return "(none)";
  const lines = open.slice(0, MAX_FINDINGS).map((comment) => {
    const title = (comment.body.split("\n").find((line) => line.trim() !== "" && !line.startsWith("<!--")) ?? "").trim().slice(0, MAX_TITLE_LENGTH);
    return `- ${comment.path}${comment.line === null ? "" : `:${comment.line}`}: ${title}`;
  });
  const more = open.length - lines.length;
  return [...lines, ...(more > 0 ? [`- ...and ${more} more`] : [])].join("\n");
}
