import type { FeedbackCounts, KindFeedback } from "../findings/count-feedback.js";

/**
 * One line on the reactions to earlier Patchwise comments, e.g.
 * `Feedback on earlier comments: 👍 3 · 👎 2 (style/nit: 👎 2; bug/major: 👍 3)`; "" when there are none.
 */
export function renderFeedback(feedback: FeedbackCounts | undefined): string {
  if (!feedback || feedback.up + feedback.down === 0) return "";
  const kinds = feedback.byKind.map(renderKind).join("; ");
  return `💬 Feedback on earlier comments: 👍 ${feedback.up} · 👎 ${feedback.down}${kinds === "" ? "" : ` (${kinds})`}`;
}

// Category and severity are our own fixed words, never text from the pull request.
function renderKind(kind: KindFeedback): string {
  const parts = [kind.up > 0 ? `👍 ${kind.up}` : "", kind.down > 0 ? `👎 ${kind.down}` : ""].filter((part) => part !== "");
  return `${kind.category}/${kind.severity}: ${parts.join(" ")}`;
}
