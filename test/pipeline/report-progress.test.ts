import { describe, expect, it } from "@jest/globals";
import type { CheckRunUpdate } from "../../src/core/progress/check-run-update.js";
import type { ProgressReporter } from "../../src/pipeline/ports.js";
import { trackProgress } from "../../src/pipeline/report-progress.js";

const SHA = "e".repeat(40);

/** A progress port that keeps what it was shown. */
function recordingReporter(): ProgressReporter & { shown: Array<[string, CheckRunUpdate]> } {
  const shown: Array<[string, CheckRunUpdate]> = [];
  return { shown, report: async (headSha, update) => void shown.push([headSha, update]) };
}

describe("trackProgress", () => {
  it("shows the files read, then a model request done at most every interval, then the result", async () => {
    let clock = 0;
    const reporter = recordingReporter();
    const progress = trackProgress(reporter, { minIntervalMs: 10_000, now: () => clock });
    progress.setHead(SHA);

    progress.filesRead(12, 4);
    clock = 4_000;
    progress.requestDone(); // too soon after the last update
    clock = 11_000;
    progress.requestDone(); // shown: 2 of 4
    clock = 30_000;
    progress.requestDone(); // shown: 3 of 4
    progress.requestDone(); // the last one: the result follows at once
    progress.concluded({ reported: [], worstOpen: null });
    await progress.finish({ status: "posted", reviewUrl: "https://github.com/o/r/pull/1#pullrequestreview-1" });

    expect(reporter.shown.map(([sha, update]) => [sha, update.status, update.title])).toEqual([
      [SHA, "in_progress", "Reviewing 12 files: 0 of 4 model requests done"],
      [SHA, "in_progress", "Reviewing 12 files: 2 of 4 model requests done"],
      [SHA, "in_progress", "Reviewing 12 files: 3 of 4 model requests done"],
      [SHA, "completed", "No findings"],
    ]);
  });

  it("shows nothing before the commit is known (a /review refused before reading the pull request)", async () => {
    const reporter = recordingReporter();
    const progress = trackProgress(reporter);

    progress.filesRead(1, 1);
    await progress.finish({ status: "failed", stage: "reading the pull request", reason: "GitHub answered 404" });

    expect(reporter.shown).toEqual([]);
  });

  it("a commit already reviewed keeps its earlier result", async () => {
    const reporter = recordingReporter();
    const progress = trackProgress(reporter);
    progress.setHead(SHA);
    progress.alreadyReviewed();

    await progress.finish({ status: "skipped", reason: "this commit already has a Patchwise review" });

    expect(reporter.shown).toEqual([[SHA, expect.objectContaining({ status: "completed", conclusion: "skipped", keepEarlierResult: true })]]);
  });

  it("shows a rate-limit wait at once, with the time the review goes on; the next update replaces it", async () => {
    let clock = 0;
    const reporter = recordingReporter();
    const progress = trackProgress(reporter, { minIntervalMs: 10_000, now: () => clock });
    progress.setHead(SHA);

    progress.filesRead(2, 2);
    clock = 1_000;
    progress.rateLimitWait({ seconds: 45, until: Date.UTC(2026, 0, 5, 14, 0, 45) });
    clock = 50_000;
    progress.requestDone();

    expect(reporter.shown.map(([, update]) => update)).toEqual([
      { status: "in_progress", title: "Reviewing 2 files: 0 of 2 model requests done", summary: "Files read: 2. Model requests done: 0 of 2." },
      { status: "in_progress", title: "Waiting 45 s for GitHub's rate limit", summary: "GitHub's rate limit holds the review until 2026-01-05 14:00:45 UTC; it goes on then." },
      { status: "in_progress", title: "Reviewing 2 files: 1 of 2 model requests done", summary: "Files read: 2. Model requests done: 1 of 2." },
    ]);
  });
});
