// Hidden HTML comments that let Patchwise find its own review and summary again, so that a
// retried or repeated run edits instead of posting twice.

/** Start of the marker in every Patchwise review body (the full marker also names the head sha). */
export const REVIEW_MARKER_PREFIX = "<!-- patchwise:review";

/** The marker in the one summary comment of a pull request. */
export const SUMMARY_MARKER = "<!-- patchwise:summary -->";
