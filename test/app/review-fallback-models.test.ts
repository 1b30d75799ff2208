import { describe, expect, it } from "@jest/globals";
import nock from "nock";
import { crashFinding, stopAppAfterEach } from "./review-fixtures.js";
import { mockGitHub, mockModel } from "./mock-review-apis.js";
import { HEAD_SHA, pullRequestEvent, startReviewApp, type ReviewApp } from "./start-review-app.js";

// PATCHWISE_FALLBACK_MODELS and PATCHWISE_MODEL_LIGHT through the App: which model each request
// body names, and what the summary and the audit event say about who answered.

const MAIN = "gpt-4.1-mini";
const FALLBACK = "gpt-4.1";
const LIGHT = "gpt-4.1-nano";
const review = { summary: "Trims the name.", walkthrough: [{ path: "src/greet.js", change: "Trims the name." }], findings: [crashFinding()] };
const scores = { scores: [{ id: "f1", score: 0.9, reason: "trim() on undefined throws." }] };

let app: ReviewApp | undefined;
stopAppAfterEach(() => app);

function expectNoOtherCalls(current: ReviewApp): void {
  expect(current.unexpectedRequests).toEqual([]);
  expect(nock.pendingMocks()).toEqual([]);
}

describe("fallback models through the App", () => {
  it("a model that is down (503 on every attempt): the request goes to the fallback, and the summary and audit event name it", async () => {
    app = await startReviewApp("openai", { fallbackModels: [FALLBACK] });
    const github = mockGitHub().acceptsCheckRun(2).listsReviews([]).readsConfig(null).servesPullRequest(HEAD_SHA).acceptsReview().listsComments([]).acceptsNewSummary();
    // The SDK retries once (see startReviewApp) before the fallback is asked.
    const model = mockModel("openai", [{ status: 503 }, { status: 503 }, { answer: review }]);

    await app.deliver("pull_request", pullRequestEvent("opened"));

    expect(model.requests.map((request) => request.model)).toEqual([MAIN, MAIN, FALLBACK]);
    expect(github.sentReview?.comments).toEqual([expect.objectContaining({ line: 2, body: expect.stringMatching(/Crashes when name is undefined/) })]);
    expect(github.sentSummary?.body.body).toContain(`<sub>Model \`${MAIN}\` via openai · fallback \`${FALLBACK}\` answered 1 of 1 review request · 1,200 input / 340 output tokens`);
    expect(app.audits).toEqual([expect.objectContaining({ model: MAIN, answeredBy: [{ part: "review", model: FALLBACK, requests: 1 }], outcome: expect.objectContaining({ status: "posted" }) })]);
    expect(app.logs).toContainEqual(expect.objectContaining({ msg: "model failed: asking the next fallback model", part: "review", from: MAIN, to: FALLBACK, errorKind: "server error", status: 503 }));
    expectNoOtherCalls(app);
  });

  it("a key the provider rejects (401): no fallback is asked, and the review fails saying so", async () => {
    app = await startReviewApp("openai", { fallbackModels: [FALLBACK] });
    const github = mockGitHub().acceptsCheckRun(2).listsReviews([]).readsConfig(null).servesPullRequest(HEAD_SHA).listsComments([]).acceptsNewSummary();
    const model = mockModel("openai", [{ status: 401 }]);

    await app.deliver("pull_request", pullRequestEvent("opened"));

    expect(model.requests.map((request) => request.model)).toEqual([MAIN]);
    expect(github.sentReview).toBeUndefined();
    expect(github.sentSummary?.body.body).toMatch(/Review failed at asking the model:\*\* the model provider rejected the API key \(openai, HTTP 401[^)]*\): check OPENAI_API_KEY/);
    expect(app.audits).toEqual([expect.objectContaining({ answeredBy: [], outcome: expect.objectContaining({ status: "failed" }) })]);
    expectNoOtherCalls(app);
  });

  it("without fallback models, a model that is down fails the review as before, after its own retries only", async () => {
    app = await startReviewApp("openai");
    const github = mockGitHub().acceptsCheckRun(2).listsReviews([]).readsConfig(null).servesPullRequest(HEAD_SHA).listsComments([]).acceptsNewSummary();
    const model = mockModel("openai", [{ status: 503 }, { status: 503 }]);

    await app.deliver("pull_request", pullRequestEvent("opened"));

    expect(model.requests.map((request) => request.model)).toEqual([MAIN, MAIN]);
    expect(github.sentSummary?.body.body).toMatch(/Review failed at asking the model:\*\* the model provider had a server error \(openai, HTTP 503[^)]*\): try \/review again later/);
    expectNoOtherCalls(app);
  });

  it("when the fallback is down too, the failure names each model's reason", async () => {
    app = await startReviewApp("openai", { fallbackModels: [FALLBACK] });
    const github = mockGitHub().acceptsCheckRun(2).listsReviews([]).readsConfig(null).servesPullRequest(HEAD_SHA).listsComments([]).acceptsNewSummary();
    const model = mockModel("openai", [{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }]);

    await app.deliver("pull_request", pullRequestEvent("opened"));

    expect(model.requests.map((request) => request.model)).toEqual([MAIN, MAIN, FALLBACK, FALLBACK]);
    expect(github.sentSummary?.body.body).toContain(`every model tried failed (${MAIN}: the model provider had a server error (openai, HTTP 503`);
    expect(github.sentSummary?.body.body).toContain(`; ${FALLBACK}: the model provider had a server error (openai, HTTP 503`);
    expectNoOtherCalls(app);
  });
});

describe("the light model through the App", () => {
  it("PATCHWISE_MODEL_LIGHT receives the verify request, the review model the review, and the footer names it", async () => {
    app = await startReviewApp("openai", { lightModel: LIGHT });
    const github = mockGitHub().acceptsCheckRun(2).listsReviews([]).readsConfig("verify: true\n").servesPullRequest(HEAD_SHA).acceptsReview().listsComments([]).acceptsNewSummary();
    const model = mockModel("openai", [{ answer: review }, { answer: scores }]);

    await app.deliver("pull_request", pullRequestEvent("opened"));

    expect(model.requests.map((request) => [request.model, request.response_format.json_schema.name])).toEqual([
      [MAIN, "submit_review"],
      [LIGHT, "submit_scores"],
    ]);
    expect(github.sentSummary?.body.body).toContain(`<sub>Model \`${MAIN}\` via openai · 1,200 input / 340 output tokens (about $0.0010) · verification with \`${LIGHT}\`: 1,200 input / 340 output tokens`);
    expect(app.audits).toEqual([expect.objectContaining({ answeredBy: [{ part: "review", model: MAIN, requests: 1 }, { part: "verify", model: LIGHT, requests: 1 }] })]);
    expectNoOtherCalls(app);
  });

  it("the repository's modelLight overrides the operator's light model", async () => {
    app = await startReviewApp("openai", { lightModel: LIGHT });
    const github = mockGitHub().acceptsCheckRun(2).listsReviews([]).readsConfig("verify: true\nmodelLight: gpt-4o-mini\n").servesPullRequest(HEAD_SHA).acceptsReview().listsComments([]).acceptsNewSummary();
    const model = mockModel("openai", [{ answer: review }, { answer: scores }]);

    await app.deliver("pull_request", pullRequestEvent("opened"));

    expect(model.requests.map((request) => request.model)).toEqual([MAIN, "gpt-4o-mini"]);
    expect(github.sentSummary?.body.body).toContain("verification with `gpt-4o-mini`:");
    expectNoOtherCalls(app);
  });

  it("a light model that is down: the verify request goes to the fallback, named for the verify pass", async () => {
    app = await startReviewApp("openai", { lightModel: LIGHT, fallbackModels: [FALLBACK] });
    const github = mockGitHub().acceptsCheckRun(2).listsReviews([]).readsConfig("verify: true\n").servesPullRequest(HEAD_SHA).acceptsReview().listsComments([]).acceptsNewSummary();
    const model = mockModel("openai", [{ answer: review }, { status: 503 }, { status: 503 }, { answer: scores }]);

    await app.deliver("pull_request", pullRequestEvent("opened"));

    expect(model.requests.map((request) => request.model)).toEqual([MAIN, LIGHT, LIGHT, FALLBACK]);
    expect(github.sentSummary?.body.body).toContain(`verification with \`${LIGHT}\`: 1,200 input / 340 output tokens · fallback \`${FALLBACK}\` answered 1 of 1 verify request`);
    expectNoOtherCalls(app);
  });
});
