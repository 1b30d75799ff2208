import { describe, expect, it } from "@jest/globals";
import { chooseReviewRange, COMPARE_FILE_LIMIT, planIncrementalRange, type CommitComparison } from "../../../src/core/review/plan-incremental-range.js";
import type { ReviewState } from "../../../src/core/review/review-state.js";
import type { ChangedFile, ReviewTrigger } from "../../../src/core/types.js";

const LAST = "a".repeat(40);
const HEAD = "b".repeat(40);
const EARLIER: ReviewState = { reviewedSha: LAST, reviews: 1, findings: { critical: 0, major: 1, minor: 0, nit: 0 }, worstOpen: "major" };
const FILE: ChangedFile = { path: "src/a.ts", status: "modified", additions: 1, deletions: 0, patch: "@@ -1,2 +1,3 @@\n a\n+b\n c" };

describe("chooseReviewRange", () => {
  it.each<[string, ReviewTrigger, boolean, ReviewState | null, ReturnType<typeof chooseReviewRange>]>([
    ["a push after a review compares with the reviewed commit", "synchronize", false, EARLIER, { compareFrom: LAST }],
    ["/review after a review compares with the reviewed commit", "command", false, EARLIER, { compareFrom: LAST }],
    ["/review full looks at the whole pull request", "command", true, EARLIER, { full: { kind: "full", headSha: HEAD, reason: "full review requested", lastReviewedSha: LAST } }],
    ["a reopened pull request is reviewed whole", "reopened", false, EARLIER, { full: { kind: "full", headSha: HEAD, reason: "pull request opened or ready", lastReviewedSha: LAST } }],
    ["a pull request marked ready is reviewed whole", "ready_for_review", false, EARLIER, { full: { kind: "full", headSha: HEAD, reason: "pull request opened or ready", lastReviewedSha: LAST } }],
    ["a push without an earlier review is a full review", "synchronize", false, null, { full: { kind: "full", headSha: HEAD, reason: "no earlier review", lastReviewedSha: null } }],
    ["an opened pull request has no earlier review", "opened", false, null, { full: { kind: "full", headSha: HEAD, reason: "no earlier review", lastReviewedSha: null } }],
  ])("%s", (_name, trigger, fullRequested, earlier, expected) => {
    expect(chooseReviewRange({ trigger, fullRequested, earlier, headSha: HEAD })).toEqual(expected);
  });
});

describe("planIncrementalRange", () => {
  const plan = (comparison: CommitComparison) => planIncrementalRange({ files: [FILE], baseSha: LAST, headSha: HEAD, comparison });
  const full = (reason: string) => ({ range: { kind: "full", headSha: HEAD, reason, lastReviewedSha: LAST }, files: [FILE] });

  it.each<[string, CommitComparison, unknown]>([
    ["a force-push that dropped the reviewed commit (diverged) reviews everything", { status: "diverged", files: [FILE] }, full("history rewritten")],
    ["a branch reset to an older commit (behind) reviews everything", { status: "behind", files: [] }, full("history rewritten")],
    ["a reviewed commit GitHub no longer knows reviews everything", { status: "unknown" }, full("earlier commit unknown")],
    [
      `a comparison of ${COMPARE_FILE_LIMIT} files may be cut short: everything is reviewed`,
      { status: "ahead", files: Array.from({ length: COMPARE_FILE_LIMIT }, (_, index) => ({ ...FILE, path: `f${index}.ts` })) },
      full("too many changes"),
    ],
    [
      "new commits on top of the reviewed one send only what changed",
      { status: "ahead", files: [{ ...FILE, patch: "@@ -1,2 +1,3 @@\n a\n+b\n c" }] },
      { range: { kind: "incremental", baseSha: LAST, headSha: HEAD, files: 1, ofFiles: 1, hunks: 1, ofHunks: 1 }, files: [FILE] },
    ],
    [
      "no change since the reviewed commit sends nothing",
      { status: "identical", files: [] },
      { range: { kind: "incremental", baseSha: LAST, headSha: HEAD, files: 0, ofFiles: 1, hunks: 0, ofHunks: 1 }, files: [] },
    ],
  ])("%s", (_name, comparison, expected) => {
    expect(plan(comparison)).toEqual(expected);
  });
});
