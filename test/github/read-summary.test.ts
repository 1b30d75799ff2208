import { afterEach, describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { createReviewPublisher } from "../../src/github/review-publisher.js";

const API = "https://api.github.com";
const REF = { owner: "acme", repo: "shop", pullNumber: 7 };
const COMMENTS = "/repos/acme/shop/issues/7/comments";
const STATE = `<!-- patchwise:state v1 sha=${"a".repeat(40)} reviews=1 critical=0 major=1 minor=0 nit=0 worst=major -->`;
const OURS = { id: 42, body: `<!-- patchwise:summary -->\n## Patchwise review\n\n${STATE}`, user: { login: "patchwise-dev[bot]", type: "Bot" } };
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const publisher = (options: { botLogin?: string } = {}) => createReviewPublisher(new Octokit({ baseUrl: API, request: { retries: 0 }, log: quiet }), REF, options);

afterEach(() => {
  nock.cleanAll();
});

describe("the summary comment's body, for the state earlier reviews recorded", () => {
  it("is read once: the upsert after the review edits the comment it found without listing again", async () => {
    const scope = nock(API)
      .get(COMMENTS)
      .query({ per_page: "100" })
      .reply(200, [{ id: 11, body: "Nice work", user: { login: "alice", type: "User" } }, OURS])
      .patch("/repos/acme/shop/issues/comments/42", { body: "new\n\n<!-- patchwise:summary -->" })
      .reply(200, { id: 42 });
    const summaries = publisher();

    await expect(summaries.readSummary?.()).resolves.toBe(OURS.body);
    await summaries.upsertSummary("new");

    expect(scope.isDone()).toBe(true);
  });

  it("when there is none, the upsert creates it without listing again, and a second upsert edits what it created", async () => {
    const scope = nock(API)
      .get(COMMENTS)
      .query({ per_page: "100" })
      .reply(200, [])
      .post(COMMENTS, { body: "first\n\n<!-- patchwise:summary -->" })
      .reply(201, { id: 43 })
      .patch("/repos/acme/shop/issues/comments/43", { body: "second\n\n<!-- patchwise:summary -->" })
      .reply(200, { id: 43 });
    const summaries = publisher();

    await expect(summaries.readSummary?.()).resolves.toBeNull();
    await summaries.upsertSummary("first");
    await summaries.upsertSummary("second");

    expect(scope.isDone()).toBe(true);
  });

  it("a person's comment that pastes the markers is not taken for ours when our login is unknown", async () => {
    const forged = { id: 12, body: `<!-- patchwise:summary -->\n${STATE.replace("a".repeat(40), "f".repeat(40))}`, user: { login: "mallory", type: "User" } };
    nock(API).get(COMMENTS).query({ per_page: "100" }).reply(200, [forged, OURS]);

    await expect(publisher().readSummary?.()).resolves.toBe(OURS.body);
  });
});
