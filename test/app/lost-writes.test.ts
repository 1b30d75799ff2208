import { describe, expect, it } from "@jest/globals";
import nock from "nock";
import { crashFinding, patchwiseReview, stopAppAfterEach } from "./review-fixtures.js";
import { mockGitHub, mockModel } from "./mock-review-apis.js";
import { GITHUB_API, HEAD_SHA, issueCommentEvent, OWNER, PR_NUMBER, pullRequestEvent, REPO, startReviewApp, type ReviewApp } from "./start-review-app.js";
import { reviewUrl, storeGitHubWrites, type WriteFaults } from "./store-github-writes.js";

// Writes GitHub carried out but answered with a 502 (a gateway that gave up), and writes it
// dropped: the App, with its real Octokit (retry plugin on), against a GitHub that keeps what each
// POST stored. Each review run posts one review, one summary comment and one check run, whatever
// the answers; the log says "review posted" only when its review is on the pull request.

let app: ReviewApp | undefined;
stopAppAfterEach(() => app);

const ANSWER = { summary: "Trims the name.", walkthrough: [{ path: "src/greet.js", change: "Trims the name." }], findings: [crashFinding()] };
const EARLIER = patchwiseReview(HEAD_SHA);

/** The review request GitHub must receive: the finding inline, and this run's marker after the review's own. */
const REVIEW_POST = {
  commit_id: HEAD_SHA,
  event: "COMMENT",
  body: expect.stringMatching(new RegExp(`^Patchwise review: details in the summary comment\\.\\n\\n<!-- patchwise:review sha=${HEAD_SHA} -->\\n<!-- patchwise:run=[0-9a-f-]{36} -->$`)),
  comments: [{ path: "src/greet.js", line: 2, side: "RIGHT", body: expect.stringMatching(/^\*\*🟠 Major · bug\*\* — Crashes when name is undefined\n/) }],
};

const logged = (running: ReviewApp, msg: string) => running.logs.filter((line) => line.msg === msg);

/** A `/review full` (no check for an earlier review) of the example pull request at HEAD_SHA, against `faults`. */
async function reviewFull(faults: WriteFaults, earlierReviews: Array<Record<string, any> & { id: number }>) {
  app = await startReviewApp("openai");
  const payload = issueCommentEvent("/review full", { onPullRequest: true });
  mockGitHub().mayCheckPermission("Codertocat", "write").acceptsReaction(payload.comment.id).readsConfig(null).servesPullRequest(HEAD_SHA);
  const github = storeGitHubWrites(faults, { reviews: earlierReviews });
  mockModel("openai", [{ answer: ANSWER }]);
  await app.deliver("issue_comment", payload, "delivery-full");
  expect(app.unexpectedRequests).toEqual([]);
  return github;
}

describe("a review POST answered 502", () => {
  it.each([
    ["on a commit without a review", []],
    // The earlier review of the same commit is not this run's: only this run's marker says it landed.
    ["on a commit that already has an earlier Patchwise review (/review full)", [EARLIER]],
  ])("after GitHub stored it, %s: the findings are posted once, and the check run links to that review", async (_case, earlier) => {
    const github = await reviewFull({ review: ["lands, then 502"] }, earlier);

    expect(github.reviewPosts).toEqual([REVIEW_POST]);
    const posted = github.reviews.at(-1)!;
    expect(github.reviews).toEqual([...earlier, posted]);
    expect(github.checkRuns).toEqual([expect.objectContaining({ status: "completed", conclusion: "neutral", details_url: reviewUrl(posted.id) })]);
    expect(logged(app!, "review posted")).toHaveLength(1);
  });

  it("that GitHub dropped, on a commit that already has an earlier Patchwise review: posted once more, and then once only", async () => {
    const github = await reviewFull({ review: ["502"] }, [EARLIER]);

    expect(github.reviewPosts).toEqual([REVIEW_POST, REVIEW_POST]);
    // The same run sends the same marker both times: a late landing of the first would be found, not doubled.
    expect(github.reviewPosts[1]!.body).toBe(github.reviewPosts[0]!.body);
    const posted = github.reviews.at(-1)!;
    expect(github.reviews).toEqual([EARLIER, posted]);
    expect(github.checkRuns).toEqual([expect.objectContaining({ status: "completed", details_url: reviewUrl(posted.id) })]);
    expect(logged(app!, "review posted")).toHaveLength(1);
  });

  it("every time, on a commit that already has an earlier Patchwise review: nothing posted, and the log and summary say the review failed", async () => {
    const github = await reviewFull({ review: ["502", "502", "502"] }, [EARLIER]);

    expect(github.reviewPosts).toEqual([REVIEW_POST, REVIEW_POST, REVIEW_POST]);
    expect(github.reviews).toEqual([EARLIER]);
    expect(logged(app!, "review posted")).toEqual([]);
    expect(logged(app!, "review failed")).toEqual([expect.objectContaining({ stage: "posting the review", reason: "GitHub answered 502 after retries: try /review again later", errorType: "HttpError" })]);
    expect(github.comments).toEqual([expect.objectContaining({ body: expect.stringContaining("Review failed at posting the review") })]);
    expect(github.checkRuns).toEqual([expect.objectContaining({ status: "completed", conclusion: "neutral", output: expect.objectContaining({ title: "Review failed at posting the review" }) })]);
  });
});

describe("a summary comment or check run created, then answered 502", () => {
  it("the summary comment: exactly one on the pull request, with the review's summary", async () => {
    const github = await reviewFull({ summary: ["lands, then 502"] }, []);

    expect(github.commentPosts).toHaveLength(1);
    expect(github.comments).toEqual([expect.objectContaining({ body: github.commentPosts[0]!.body })]);
    expect(github.comments[0]!.body).toContain("Trims the name.");
    expect(github.reviews).toHaveLength(1);
  });

  it("the check run of a /review command: exactly one, and it ends concluded", async () => {
    const github = await reviewFull({ checkRun: ["lands, then 502"] }, []);

    expect(github.checkRunPosts).toEqual([expect.objectContaining({ name: "Patchwise review", head_sha: HEAD_SHA, external_id: "delivery-full", status: "in_progress" })]);
    expect(github.checkRuns).toEqual([expect.objectContaining({ external_id: "delivery-full", status: "completed", conclusion: "neutral", details_url: reviewUrl(github.reviews[0]!.id) })]);
  });

  it("the queued check run of a push: exactly one, which the review takes over and concludes", async () => {
    app = await startReviewApp("openai");
    mockGitHub().readsConfig(null).servesPullRequest(HEAD_SHA);
    const github = storeGitHubWrites({ checkRun: ["lands, then 502"] });
    mockModel("openai", [{ answer: ANSWER }]);

    await app.deliver("pull_request", pullRequestEvent("opened"), "delivery-opened");

    expect(app.unexpectedRequests).toEqual([]);
    expect(github.checkRunPosts).toEqual([
      {
        name: "Patchwise review",
        head_sha: HEAD_SHA,
        status: "queued",
        external_id: "delivery-opened",
        output: { title: "Queued", summary: "Waiting for its turn in Patchwise's review queue." },
      },
    ]);
    expect(github.checkRuns).toEqual([expect.objectContaining({ external_id: "delivery-opened", status: "completed", conclusion: "neutral", details_url: reviewUrl(github.reviews[0]!.id) })]);
    expect(github.reviewPosts).toEqual([REVIEW_POST]);
  });
});

describe("GitHub's file list", () => {
  it("an entry with an empty file name is skipped and named in the summary; the other files are reviewed", async () => {
    app = await startReviewApp("openai");
    const files = (await import("../fixtures/github/pull-request-files.json", { with: { type: "json" } })).default as Array<Record<string, unknown>>;
    mockGitHub().readsConfig(null).servesPullRequest(HEAD_SHA, [{ ...files[0], filename: "" }, ...files]);
    const github = storeGitHubWrites({});
    mockModel("openai", [{ answer: ANSWER }]);

    await app.deliver("pull_request", pullRequestEvent("opened"));

    expect(app.unexpectedRequests).toEqual([]);
    expect(github.reviewPosts).toEqual([REVIEW_POST]);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.body).toContain("- `(entry 1 of GitHub's file list)` — GitHub listed it with an invalid filename");
    expect(logged(app, "files selected")).toEqual([expect.objectContaining({ reviewed: 1, skipped: 1 })]);
  });

  it("an unexpected error's log line names its type and class, and none of its message", async () => {
    app = await startReviewApp("openai");
    mockGitHub().readsConfig(null);
    // A pull request GitHub answers without its fields: reading it fails with a TypeError.
    nock(GITHUB_API).get(`/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}`).reply(200, { number: PR_NUMBER });
    const github = storeGitHubWrites({});

    await app.deliver("pull_request", pullRequestEvent("opened"));

    const [failed] = logged(app, "review failed");
    expect(failed).toEqual(expect.objectContaining({ stage: "reading the pull request", errorType: "TypeError", errorClass: "TypeError" }));
    expect(JSON.stringify(app.logs)).not.toMatch(/Cannot read|reading '/);
    expect(github.comments).toEqual([expect.objectContaining({ body: expect.stringContaining("unexpected TypeError; the app's log has the error type") })]);
  });
});
