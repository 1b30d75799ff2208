import { describe, expect, it } from "@jest/globals";
import nock from "nock";
import { Readable } from "node:stream";
import { expectExactlyTheListedCalls, stopAppAfterEach } from "./review-fixtures.js";
import { CHECK_RUN_ID, mockGitHub, type GitHubMock, mockModel } from "./mock-review-apis.js";
import { GITHUB_API, HEAD_SHA, OPENAI_BASE_URL, OWNER, PR_NUMBER, pullRequestEvent, REPO, startReviewApp, type ReviewApp } from "./start-review-app.js";

// Faults injected one at a time, as a tester would against the running App: a GitHub route that
// never answers, a tarball that stalls mid-body, rate limits an hour long, a review past its
// deadline, SIGTERM mid-review. Each review must end, say why on the pull request (the summary
// comment and the check run), and leave the pull request's next review free to run.

const REPO_PATH = `/repos/${OWNER}/${REPO}`;
const NEXT_SHA = "2222222222222222222222222222222222222222";
// GitHub's Date header is when it answered: "retry after" counts from there.
const ANSWERED_AT = "Mon, 05 Jan 2026 14:00:00 GMT";
const AN_HOUR_LATER = "2026-01-05 15:00:00 UTC";
const ANSWER = { summary: "Trims the name.", walkthrough: [{ path: "src/greet.js", change: "Trims the name." }], findings: [] };

let app: ReviewApp | undefined;
stopAppAfterEach(() => app);

/** A GET that GitHub receives and never answers (the socket stays open). */
function neverAnswers(path: string): { asked: () => boolean } {
  let asked = false;
  nock(GITHUB_API)
    .get(path)
    .query(true)
    .reply(() => {
      asked = true;
      return new Promise(() => undefined) as never;
    });
  return { asked: () => asked };
}

/** The failure as the summary comment and the finished check run show it. */
function expectFailureShown(github: GitHubMock, stage: string | RegExp, message: string): void {
  expect(github.sentSummary?.body.body).toMatch(new RegExp(`> \\*\\*⚠️ Review failed at ${typeof stage === "string" ? stage : stage.source}:\\*\\* ${escape(message)}`));
  const last = github.checkRunCalls.at(-1);
  expect(last).toEqual({
    method: "PATCH",
    path: `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`,
    body: { status: "completed", conclusion: "neutral", output: { title: expect.stringMatching(/^Review failed at /), summary: expect.stringContaining(`: ${message}.`) } },
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A new push to the pull request after the fault: its review runs and posts, so nothing of the failed one holds the pull request. */
async function expectNextReviewPosted(running: ReviewApp, github: GitHubMock): Promise<void> {
  github.sentReview = undefined;
  github.acceptsCheckRun(2).listsReviews([]).readsConfig(null).servesPullRequest(NEXT_SHA).listsComments([]).acceptsReview().acceptsNewSummary();
  mockModel("openai", [{ answer: ANSWER }]);
  const push = pullRequestEvent("synchronize");
  push.pull_request.head.sha = NEXT_SHA;
  await running.deliver("pull_request", push, "delivery-next");
  expect(github.sentReview).toMatchObject({ commit_id: NEXT_SHA, event: "COMMENT" });
}

describe("faults that would hang a review", () => {
  it("a GitHub route that never answers: the review fails at the request's deadline, says which route, and the next push is reviewed", async () => {
    app = await startReviewApp("openai", { requestTime: { answerMs: 1_000, idleMs: 1_000 } });
    const github = mockGitHub().acceptsCheckRun(1).listsReviews([]).readsConfig(null).listsComments([]).acceptsNewSummary();
    const hung = neverAnswers(`${REPO_PATH}/pulls/${PR_NUMBER}`);

    await app.deliver("pull_request", pullRequestEvent("opened"), "delivery-hung");

    expect(hung.asked()).toBe(true);
    expectFailureShown(github, "reading the pull request", "GitHub did not answer GET /repos/{owner}/{repo}/pulls/{pull_number} within 1 s; try /review again later (if it persists, check the network between the app and GitHub)");
    expect(app.logs).toContainEqual(expect.objectContaining({ msg: "review failed", stage: "reading the pull request", deliveryId: "delivery-hung" }));
    expectExactlyTheListedCalls(app);
    await expectNextReviewPosted(app, github);
  });

  it("a tarball that stalls mid-body: the repository is read no further and the review is posted from the diff", async () => {
    app = await startReviewApp("openai", { requestTime: { answerMs: 5_000, idleMs: 1_000 } });
    const github = mockGitHub().acceptsCheckRun(2).listsReviews([]).readsConfig(null).servesPullRequest(HEAD_SHA, undefined, { tarball: false }).listsComments([]).acceptsReview().acceptsNewSummary();
    nock(GITHUB_API)
      .get(`${REPO_PATH}/tarball/${HEAD_SHA}`)
      .reply(200, () => {
        const body = new Readable({ read() {} });
        body.push(Buffer.from([0x1f, 0x8b, 0x08, 0x00]));
        return body;
      }, { "content-type": "application/x-gzip" });
    // The fallback reader lists the tree: this repository's listing is refused, so the diff goes alone.
    nock(GITHUB_API).get(`${REPO_PATH}/git/trees/${HEAD_SHA}`).query({ recursive: "1" }).reply(404, { message: "Not Found" });
    mockModel("openai", [{ answer: ANSWER }]);

    await app.deliver("pull_request", pullRequestEvent("opened"), "delivery-stall");

    expect(github.sentReview).toMatchObject({ commit_id: HEAD_SHA, event: "COMMENT" });
    expect(github.checkRunCalls.at(-1)?.body).toMatchObject({ status: "completed", conclusion: "success" });
    expect(app.logs).toContainEqual(expect.objectContaining({ msg: "related code unavailable; reviewing the diff alone", deliveryId: "delivery-stall" }));
    expectExactlyTheListedCalls(app);
  });

  it.each([
    ["a 429 with Retry-After: 3600", 429, { "retry-after": "3600", date: ANSWERED_AT }, { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." }],
    ["a 403 whose rate limit resets an hour away", 403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Date.parse(ANSWERED_AT) / 1000 + 3600), date: ANSWERED_AT }, { message: "API rate limit exceeded for installation ID 1." }],
  ])("%s from GitHub: the review ends at once saying when to retry, and the next push is reviewed", async (_name, status, headers, body) => {
    app = await startReviewApp("openai");
    const github = mockGitHub().acceptsCheckRun(1).listsReviews([]).readsConfig(null).listsComments([]).acceptsNewSummary();
    nock(GITHUB_API).get(`${REPO_PATH}/pulls/${PR_NUMBER}`).reply(status, body, headers);

    await app.deliver("pull_request", pullRequestEvent("opened"), "delivery-limited");

    expectFailureShown(github, "reading the pull request", `GitHub's rate limit holds the app's requests (GET /repos/{owner}/{repo}/pulls/{pull_number}) until ${AN_HOUR_LATER}; comment /review after then to try again`);
    expect(app.logs).toContainEqual(expect.objectContaining({ msg: "GitHub rate limit: the wait is too long to take, the request fails", route: "GET /repos/{owner}/{repo}/pulls/{pull_number}", waitSeconds: 3600 }));
    expectExactlyTheListedCalls(app);
    await expectNextReviewPosted(app, github);
  });

  it("a 429 with Retry-After: 3600 from the model provider: the review ends at once saying when to retry, and the next push is reviewed", async () => {
    app = await startReviewApp("openai");
    const github = mockGitHub().acceptsCheckRun(2).listsReviews([]).readsConfig(null).servesPullRequest(HEAD_SHA).listsComments([]).acceptsNewSummary();
    const model = nock(OPENAI_BASE_URL.replace(/\/v1$/, ""))
      .post("/v1/chat/completions")
      .reply(429, { error: { message: "Rate limit reached", type: "requests", code: "rate_limit_exceeded" } }, { "retry-after": "3600", date: ANSWERED_AT });

    await app.deliver("pull_request", pullRequestEvent("opened"), "delivery-model-limited");

    expect(model.isDone()).toBe(true);
    expectFailureShown(github, "asking the model", `the model provider asked to wait until ${AN_HOUR_LATER} (openai, HTTP 429, requests, rate_limit_exceeded): comment /review after then`);
    expectExactlyTheListedCalls(app);
    await expectNextReviewPosted(app, github);
  });

  it("a review past PATCHWISE_REVIEW_TIMEOUT_MS: its GitHub read in flight is cancelled, the summary and check run say so, and the next push is reviewed", async () => {
    app = await startReviewApp("openai", { reviewTimeoutMs: 1_000 });
    const github = mockGitHub().acceptsCheckRun(1).listsComments([]).acceptsNewSummary();
    // Answered within the request's own deadline (30 s) as far as it knows: only the review's deadline ends it.
    const hung = neverAnswers(`${REPO_PATH}/pulls/${PR_NUMBER}/reviews`);

    await app.deliver("pull_request", pullRequestEvent("opened"), "delivery-slow");

    expect(hung.asked()).toBe(true);
    expectFailureShown(github, "checking for an earlier review", "the review did not finish within 1 s (PATCHWISE_REVIEW_TIMEOUT_MS); GitHub or the model was too slow, comment /review to try again");
    expectExactlyTheListedCalls(app);
    await expectNextReviewPosted(app, github);
  });

  it("SIGTERM mid-review, the grace period over: the review is stopped and its check run and summary say the app was stopped", async () => {
    app = await startReviewApp("openai");
    const github = mockGitHub().acceptsCheckRun(2).listsReviews([]).readsConfig(null).servesPullRequest(HEAD_SHA).listsComments([]).acceptsNewSummary();
    let modelAsked!: () => void;
    const asked = new Promise<void>((resolve) => (modelAsked = resolve));
    nock(OPENAI_BASE_URL.replace(/\/v1$/, ""))
      .post("/v1/chat/completions")
      .reply(() => {
        modelAsked();
        return new Promise(() => undefined) as never;
      });

    await app.send("pull_request", pullRequestEvent("opened"), "delivery-sigterm");
    await asked;
    const drained = await app.drain(50);

    expect(drained).toBe("timeout");
    expectFailureShown(github, "asking the model", "the app was stopped before the review finished; a new push or /review will review the pull request");
    expect(app.logs).toContainEqual(expect.objectContaining({ msg: "shutting down: stopping the running review", deliveryId: "delivery-sigterm" }));
    expectExactlyTheListedCalls(app);
  });
});
