import { describe, expect, it } from "@jest/globals";
import { concludeCheckRun, type CheckOutcome } from "../../../src/core/progress/conclude-check-run.js";
import { describeReviewProgress } from "../../../src/core/progress/describe-review-progress.js";
import type { CheckRunUpdate } from "../../../src/core/progress/check-run-update.js";
import type { Severity } from "../../../src/core/types.js";

const URL = "https://github.com/o/r/pull/2#pullrequestreview-80";
const posted = (reported: Severity[], worstOpen: Severity | null, rangeLine = ""): CheckOutcome => ({ status: "posted", reported, worstOpen, reviewUrl: URL, rangeLine });

describe("concludeCheckRun", () => {
  it.each<[string, CheckOutcome, Severity | undefined, Partial<CheckRunUpdate>]>([
    ["no finding: success", posted([], null), "major", { conclusion: "success", title: "No findings" }],
    ["findings below fail-on: neutral", posted(["minor", "nit", "minor"], "minor"), "major", { conclusion: "neutral", title: "3 findings: 2 🟡 Minor, 1 ⚪ Nit" }],
    ["findings without fail-on: neutral", posted(["critical"], "critical"), undefined, { conclusion: "neutral", title: "1 finding: 1 🔴 Critical" }],
    ["a finding at fail-on: failure", posted(["major"], "major"), "major", { conclusion: "failure", title: "1 finding: 1 🟠 Major · fail-on major: 🟠 Major open" }],
    ["an earlier open finding an incremental review could not clear: failure", posted([], "critical"), "major", { conclusion: "failure", title: "No findings · fail-on major: 🔴 Critical open" }],
    ["a review that failed: neutral", { status: "failed", stage: "asking the model", reason: "the provider answered 500" }, "nit", { conclusion: "neutral", title: "Review failed at asking the model" }],
    ["a superseded review: skipped", { status: "skipped", reason: "superseded by a newer commit of the pull request", alreadyReviewed: false }, "nit", { conclusion: "skipped", title: "Not reviewed: superseded by a newer commit of the pull request" }],
  ])("%s", (_name, outcome, failOn, expected) => {
    expect(concludeCheckRun(outcome, failOn)).toMatchObject({ status: "completed", ...expected });
  });

  it("links the review and says what the review covered", () => {
    expect(concludeCheckRun(posted(["major"], "major", "Reviewed changes `abc1234..def5678` (incremental: 1 of 1 changed file, 1 of 2 hunks)."), "major")).toEqual({
      status: "completed",
      conclusion: "failure",
      title: "1 finding: 1 🟠 Major · fail-on major: 🟠 Major open",
      summary: [
        "Reviewed changes `abc1234..def5678` (incremental: 1 of 1 changed file, 1 of 2 hunks).",
        "This review reported 1 finding: 1 🟠 Major.",
        "This check fails at `major` or worse (`failOn` in `.github/patchwise.yml`, or the Action's `fail-on`), and a 🟠 Major finding is open. " +
          "A review of later pushes looks only at what changed, so it cannot clear an earlier finding: once it is fixed, comment `/review full`.",
        `[Open the review](${URL}); the summary comment on the pull request lists every finding.`,
      ].join("\n\n"),
      detailsUrl: URL,
    });
  });

  it("keeps an earlier result when the commit was already reviewed", () => {
    expect(concludeCheckRun({ status: "skipped", reason: "this commit already has a Patchwise review", alreadyReviewed: true }, undefined)).toMatchObject({ conclusion: "skipped", keepEarlierResult: true });
  });

  it("says when nothing new was sent", () => {
    expect(concludeCheckRun({ status: "posted", reported: [], worstOpen: null, reviewUrl: null, rangeLine: "" }, undefined)).toEqual({
      status: "completed",
      conclusion: "success",
      title: "Nothing new to review",
      summary: "No line of the pull request's diff changed since the last review, so no new review was posted.",
    });
  });
});

describe("describeReviewProgress", () => {
  it("counts files read and model requests done", () => {
    expect(describeReviewProgress({ files: 3, requestsDone: 1, requestsTotal: 4, range: { kind: "incremental", baseSha: "abc1234".padEnd(40, "0"), headSha: "d".repeat(40), files: 3, ofFiles: 9, hunks: 3, ofHunks: 12 } })).toEqual({
      status: "in_progress",
      title: "Reviewing 3 files: 1 of 4 model requests done",
      summary: "Files read: 3 with changes since `abc1234`. Model requests done: 1 of 4.",
    });
  });
});
