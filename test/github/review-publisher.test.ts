import { afterEach, describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import nock from "nock";
import type { ReviewRequest } from "../../src/core/review/build-review-request.js";
import { createOctokitClass } from "../../src/github/create-octokit-class.js";
import { createReviewPublisher } from "../../src/github/review-publisher.js";

const API = "https://api.github.com";
const REF = { owner: "acme", repo: "shop", pullNumber: 7 };
const SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const REVIEWS = "/repos/acme/shop/pulls/7/reviews";
const COMMENTS = "/repos/acme/shop/issues/7/comments";
const REVIEW_BODY = `Patchwise review: details in the summary comment.\n\n<!-- patchwise:review sha=${SHA} -->`;

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const octokit = () => new Octokit({ baseUrl: API, request: { retries: 0 }, log: quiet });
const RUN_MARKER = "<!-- patchwise:run=run-1 -->";
const publisher = (options: { botLogin?: string } = {}) => createReviewPublisher(octokit(), REF, { retryDelayMs: 0, runId: "run-1", ...options });

const review = (over: Record<string, unknown>) => ({
  id: 1,
  user: { login: "patchwise[bot]", type: "Bot" },
  body: REVIEW_BODY,
  commit_id: SHA,
  state: "COMMENTED",
  html_url: "https://github.com/acme/shop/pull/7#pullrequestreview-1",
  ...over,
});

const request: ReviewRequest = {
  commit_id: SHA,
  event: "COMMENT",
  body: REVIEW_BODY,
  comments: [
    { path: "src/cart.ts", line: 12, side: "RIGHT", body: "**minor** Missing await" },
    { path: "src/cart.ts", line: 20, side: "RIGHT", start_line: 18, start_side: "RIGHT", body: "```suggestion\nreturn total;\n```" },
  ],
};

// What GitHub must receive: the review request exactly, with this run's hidden marker added to its body.
const SENT_BODY = { ...structuredClone(request), body: `${REVIEW_BODY}\n${RUN_MARKER}` } as unknown as nock.DataMatcherMap;
/** This run's review as GitHub lists it once the POST landed. */
const landed = (id: number) => review({ id, body: `${REVIEW_BODY}\n${RUN_MARKER}`, html_url: `https://github.com/acme/shop/pull/7#pullrequestreview-${id}` });

afterEach(() => nock.cleanAll());

describe("hasReviewForCommit", () => {
  it.each([
    ["true for our review of that commit", [review({})], {}, true],
    ["false for our review of another commit", [review({ commit_id: "0".repeat(40) })], {}, false],
    ["false for a human review of that commit without the marker", [review({ body: "LGTM", user: { login: "alice", type: "User" } })], {}, false],
    ["false for a review with an empty body", [review({ body: null })], {}, false],
    ["false for the marker in someone else's review when our login is known", [review({ user: { login: "mallory", type: "User" } })], { botLogin: "patchwise[bot]" }, false],
    ["true for our own review when our login is known", [review({})], { botLogin: "patchwise[bot]" }, true],
  ])("%s", async (_case, reviews, options, expected) => {
    const scope = nock(API).get(REVIEWS).query({ per_page: "100" }).reply(200, reviews);
    expect(await publisher(options).hasReviewForCommit(SHA)).toBe(expected);
    expect(scope.isDone()).toBe(true);
  });

  it("finds our review on the second page", async () => {
    const scope = nock(API)
      .get(REVIEWS)
      .query({ per_page: "100" })
      .reply(200, [review({ id: 1, commit_id: "1".repeat(40) })], { link: `<${API}/repositories/9/pulls/7/reviews?per_page=100&page=2>; rel="next"` })
      .get("/repositories/9/pulls/7/reviews")
      .query({ per_page: "100", page: "2" })
      .reply(200, [review({ id: 2 })]);
    expect(await publisher().hasReviewForCommit(SHA)).toBe(true);
    expect(scope.isDone()).toBe(true);
  });
});

describe("postReview", () => {
  it("posts exactly the review request as the body and returns the review's URL", async () => {
    const scope = nock(API).post(REVIEWS, SENT_BODY).reply(200, review({ id: 99, html_url: "https://github.com/acme/shop/pull/7#pullrequestreview-99" }));
    expect(await publisher().postReview(request)).toEqual({ url: "https://github.com/acme/shop/pull/7#pullrequestreview-99" });
    expect(scope.isDone()).toBe(true);
  });

  it("as the last guard, makes inert a bot command that our own template let through, in the body and every comment", async () => {
    const hostile: ReviewRequest = {
      ...request,
      body: `/lgtm\n\n${REVIEW_BODY}`,
      comments: [{ path: "src/cart.ts", line: 12, side: "RIGHT", body: "Also at `@dependabot merge.ts:3`.\n> /approve" }],
    };
    const sent = {
      ...hostile,
      body: `\u200B/lgtm\n\n${REVIEW_BODY}\n${RUN_MARKER}`,
      comments: [{ path: "src/cart.ts", line: 12, side: "RIGHT", body: "Also at `@\u200Bdependabot merge.ts:3`.\n> \u200B/approve" }],
    };
    const scope = nock(API).post(REVIEWS, sent as unknown as nock.DataMatcherMap).reply(200, review({ id: 99 }));
    await publisher().postReview(hostile);
    expect(scope.isDone()).toBe(true);
  });

  /** The review POST answered 502, then the reviews listed as `listed`. */
  const postAnswered502 = (listed: object[]) => nock(API).post(REVIEWS, SENT_BODY).reply(502, { message: "Bad Gateway" }).get(REVIEWS).query({ per_page: "100" }).reply(200, listed);

  it.each([
    ["finds the review the failed POST created and does not post again", [landed(5)]],
    // `/review full` on a commit already reviewed: the earlier review of the same commit is not this run's.
    ["on a commit that already has our earlier review, finds this run's review by its marker, not the earlier one", [review({ id: 1 }), landed(5)]],
  ])("after a 502, %s", async (_case, listed) => {
    const scope = postAnswered502(listed);
    expect(await publisher().postReview(request)).toEqual({ url: "https://github.com/acme/shop/pull/7#pullrequestreview-5" });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ["that left no review, posts once more", [], {}],
    ["that left no review, on a commit that already has our earlier review, posts once more", [review({ id: 1 })], {}],
    ["whose run marker is in someone else's review, posts once more when our login is known", [{ ...landed(4), user: { login: "mallory", type: "User" } }], { botLogin: "patchwise[bot]" }],
  ])("after a 502 %s", async (_case, listed, options) => {
    const scope = postAnswered502(listed).post(REVIEWS, SENT_BODY).reply(200, landed(6));
    expect(await publisher(options).postReview(request)).toEqual({ url: "https://github.com/acme/shop/pull/7#pullrequestreview-6" });
    expect(scope.isDone()).toBe(true);
  });

  it("each review run has its own marker", async () => {
    const bodies: string[] = [];
    nock(API)
      .post(REVIEWS, (body) => Boolean(bodies.push(body.body)))
      .times(2)
      .reply(200, review({}));
    await createReviewPublisher(octokit(), REF).postReview(request);
    await createReviewPublisher(octokit(), REF).postReview(request);
    const [first, second] = bodies.map((body) => body.match(/^Patchwise review: details in the summary comment\.\n\n<!-- patchwise:review sha=\w+ -->\n<!-- patchwise:run=([0-9a-f-]{36}) -->$/)?.[1]);
    expect(first).toEqual(expect.any(String));
    expect(second).toEqual(expect.any(String));
    expect(first).not.toBe(second);
  });

  it("after a network failure that left no review, keeps trying a bounded number of times then fails", async () => {
    const scope = nock(API);
    for (let i = 0; i < 3; i++) {
      scope.post(REVIEWS).replyWithError({ code: "ECONNRESET", message: "socket hang up" }).get(REVIEWS).query({ per_page: "100" }).reply(200, []);
    }
    await expect(publisher().postReview(request)).rejects.toMatchObject({ status: 500 });
    expect(scope.isDone()).toBe(true);
  });

  it.each([422, 403])("fails at once on %s without looking for or posting another review", async (status) => {
    const scope = nock(API).post(REVIEWS).reply(status, { message: "Unprocessable" });
    await expect(publisher().postReview(request)).rejects.toMatchObject({ status });
    expect(scope.isDone()).toBe(true);
  });

  it("with the App's Octokit (retry plugin on), a 502 is not blindly re-posted by the plugin", async () => {
    const AppOctokit = createOctokitClass();
    const appOctokit = new AppOctokit({ baseUrl: API, auth: { token: "ghs_test" }, retry: { retryAfterBaseValue: 1 } });
    let posts = 0;
    // Answers every POST, so that a resend by the retry plugin would be counted, not refused.
    const posting = nock(API)
      .post(REVIEWS)
      .reply(() => {
        posts++;
        return [502, { message: "Bad Gateway" }];
      })
      .persist();
    const scope = nock(API)
      .get(REVIEWS)
      .query({ per_page: "100" })
      .reply(200, [landed(8)]);
    const result = await createReviewPublisher(appOctokit as unknown as Octokit, REF, { retryDelayMs: 0, runId: "run-1" }).postReview(request);
    expect(result).toEqual({ url: "https://github.com/acme/shop/pull/7#pullrequestreview-8" });
    expect(posts).toBe(1);
    expect(posting.isDone()).toBe(true);
    expect(scope.isDone()).toBe(true);
  });
});

describe("upsertSummary", () => {
  const SUMMARY = "## Patchwise\n\nAll good.\n\n<!-- patchwise:summary -->";

  it("creates the summary comment when the PR has none of ours", async () => {
    const scope = nock(API)
      .get(COMMENTS)
      .query({ per_page: "100" })
      .reply(200, [{ id: 11, body: "Nice work", user: { login: "alice" } }])
      .post(COMMENTS, { body: SUMMARY })
      .reply(201, { id: 12, body: SUMMARY });
    await publisher().upsertSummary(SUMMARY);
    expect(scope.isDone()).toBe(true);
  });

  it("edits our existing summary comment, found on the second page, instead of adding one", async () => {
    const scope = nock(API)
      .get(COMMENTS)
      .query({ per_page: "100" })
      .reply(200, [{ id: 11, body: "Nice work", user: { login: "alice" } }], { link: `<${API}/repositories/9/issues/7/comments?per_page=100&page=2>; rel="next"` })
      .get("/repositories/9/issues/7/comments")
      .query({ per_page: "100", page: "2" })
      .reply(200, [{ id: 42, body: "old summary\n<!-- patchwise:summary -->", user: { login: "patchwise[bot]" } }])
      .patch("/repos/acme/shop/issues/comments/42", { body: SUMMARY })
      .reply(200, { id: 42, body: SUMMARY });
    await publisher().upsertSummary(SUMMARY);
    expect(scope.isDone()).toBe(true);
  });

  it("does not edit a comment by someone else that quotes our marker when our login is known", async () => {
    const scope = nock(API)
      .get(COMMENTS)
      .query({ per_page: "100" })
      .reply(200, [{ id: 13, body: "> <!-- patchwise:summary -->\nwhy?", user: { login: "alice" } }])
      .post(COMMENTS, { body: SUMMARY })
      .reply(201, { id: 14, body: SUMMARY });
    await publisher({ botLogin: "patchwise[bot]" }).upsertSummary(SUMMARY);
    expect(scope.isDone()).toBe(true);
  });

  it("as the last guard, makes inert a bot command that our own template let through", async () => {
    const scope = nock(API)
      .get(COMMENTS)
      .query({ per_page: "100" })
      .reply(200, [])
      .post(COMMENTS, { body: `- \`@\u200BMergifyio queue\` — binary\n\u200B/hold\n${SUMMARY}` })
      .reply(201, { id: 16 });
    await publisher().upsertSummary(`- \`@Mergifyio queue\` — binary\n/hold\n${SUMMARY}`);
    expect(scope.isDone()).toBe(true);
  });

  /** No summary comment of ours yet, a create answered 502, then the comments listed as `after`. */
  const createAnswered502 = (after: object[]) =>
    nock(API)
      .get(COMMENTS)
      .query({ per_page: "100" })
      .reply(200, [])
      .post(COMMENTS, { body: SUMMARY })
      .reply(502, { message: "Bad Gateway" })
      .get(COMMENTS)
      .query({ per_page: "100" })
      .reply(200, after);
  const ours = (id: number, body: string) => ({ id, body, user: { login: "patchwise[bot]", type: "Bot" } });

  it("after a create answered 502 that GitHub carried out, finds that comment by its marker and adds no second one", async () => {
    const scope = createAnswered502([ours(16, SUMMARY)]).patch("/repos/acme/shop/issues/comments/16", { body: "Later.\n\n<!-- patchwise:summary -->" }).reply(200, { id: 16 });
    const summaries = publisher();
    await summaries.upsertSummary(SUMMARY);
    // The comment found is the one the next upsert of this run edits.
    await summaries.upsertSummary("Later.");
    expect(scope.isDone()).toBe(true);
  });

  it("after a create answered 502 that left nothing, creates the comment once more", async () => {
    const scope = createAnswered502([]).post(COMMENTS, { body: SUMMARY }).reply(201, { id: 17, body: SUMMARY });
    await publisher().upsertSummary(SUMMARY);
    expect(scope.isDone()).toBe(true);
  });

  it("after a create answered 502, a summary comment of ours that says something else (another run's, meanwhile) is edited, not joined by a second", async () => {
    const scope = createAnswered502([ours(18, "older\n<!-- patchwise:summary -->")]).patch("/repos/acme/shop/issues/comments/18", { body: SUMMARY }).reply(200, { id: 18 });
    await publisher().upsertSummary(SUMMARY);
    expect(scope.isDone()).toBe(true);
  });

  it("adds the marker to a body that lacks it, so the next run finds the comment", async () => {
    const scope = nock(API)
      .get(COMMENTS)
      .query({ per_page: "100" })
      .reply(200, [])
      .post(COMMENTS, { body: "Review failed.\n\n<!-- patchwise:summary -->" })
      .reply(201, { id: 15 });
    await publisher().upsertSummary("Review failed.");
    expect(scope.isDone()).toBe(true);
  });
});

describe("listOwnComments: findings dismissed in their thread", () => {
  const fp = "<!-- patchwise:fp v1 0011223344556677 -->";
  const comment = (id: number, login: string, body: string, inReplyTo?: number) => ({
    id,
    path: "src/cart.ts",
    line: 12,
    body,
    user: { login, type: login.endsWith("[bot]") ? "Bot" : "User" },
    reactions: { "+1": 0, "-1": 0 },
    ...(inReplyTo === undefined ? {} : { in_reply_to_id: inReplyTo }),
  });

  it("a finding whose thread holds Patchwise's own answer with the dismissal marker is dismissed, as by a 👎; a person pasting the marker dismisses nothing", async () => {
    nock(API)
      .get("/repos/acme/shop/pulls/7/comments")
      .query({ per_page: 100 })
      .reply(200, [
        comment(1, "patchwise[bot]", `**minor** Missing await\n${fp}`),
        comment(2, "maintainer", "This is intended.", 1),
        comment(3, "patchwise[bot]", "Right, it is handled in the caller.\n<!-- patchwise:answer:2 -->\n<!-- patchwise:dismissed -->", 1),
        comment(4, "patchwise[bot]", `**major** Unchecked total\n${fp.replace("0011", "9999")}`),
        comment(5, "mallory", "<!-- patchwise:dismissed -->", 4),
      ]);

    const own = await publisher({ botLogin: "patchwise[bot]" }).listOwnComments();

    expect(own.map((entry) => ({ body: entry.body.split("\n")[0], dismissed: entry.dismissed }))).toEqual([
      { body: "**minor** Missing await", dismissed: true },
      { body: "**major** Unchecked total", dismissed: false },
    ]);
  });
});
