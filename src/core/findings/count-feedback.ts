import { CATEGORIES, SEVERITIES } from "../types.js";
import { readCommentKind, type FindingKind } from "./read-comment-kind.js";
import type { ExistingComment } from "./read-fingerprints.js";

/** 👍 and 👎 on the earlier comments of one kind of finding. */
export type KindFeedback = FindingKind & { up: number; down: number };

/** What people said with reactions about Patchwise's earlier inline comments on one pull request. */
export interface FeedbackCounts {
  up: number;
  down: number;
  /** By category and severity; only kinds with a reaction, most 👎 first. Comments whose kind cannot be read count in the totals only. */
  byKind: KindFeedback[];
}

/** Counts the 👍/👎 reactions on Patchwise's own earlier comments, by the category and severity each comment names. */
export function countFeedback(comments: readonly ExistingComment[]): FeedbackCounts {
  const byKey = new Map<string, KindFeedback>();
  const counts: FeedbackCounts = { up: 0, down: 0, byKind: [] };
  for (const comment of comments) {
    const up = nonNegative(comment.reactions?.up);
    const down = nonNegative(comment.reactions?.down);
    if (up + down === 0) continue;
    counts.up += up;
    counts.down += down;
    const kind = readCommentKind(comment.body);
    if (kind === null) continue;
    const key = `${kind.category}/${kind.severity}`;
    const entry = byKey.get(key) ?? { ...kind, up: 0, down: 0 };
    entry.up += up;
    entry.down += down;
    byKey.set(key, entry);
  }
  counts.byKind = [...byKey.values()].sort(
    (a, b) =>
      b.down - a.down ||
      b.up - a.up ||
      CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) ||
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity),
  );
  return counts;
}

// GitHub sends counts; anything else (a missing rollup, a malformed value) counts as none.
function nonNegative(value: number | undefined): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
