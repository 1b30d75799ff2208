const OWN_MARKER = /<!-- patchwise:[^\n]*?-->/g;
// A long thread keeps its start (the finding) and its end (the reply being answered).
const MAX_COMMENT_LENGTH = 3_000;

/** A review thread as the model reads it: who wrote each comment ("patchwise" for ours), then its text without our hidden markers. */
export function renderThreadText(comments: ReadonlyArray<{ author: string; ours: boolean; body: string }>): string {
  return comments
    .map((comment) => {
      const text = comment.body.replace(OWN_MARKER, "").trim();
      return `${comment.ours ? "patchwise" : `@${comment.author}`} wrote:\n${text.length > MAX_COMMENT_LENGTH ? `${text.slice(0, MAX_COMMENT_LENGTH)}…` : text}`;
    })
    .join("\n\n");
}
