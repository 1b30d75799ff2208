import { afterEach, describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import nock from "nock";
import type { GitHubClient } from "../../src/github/github-client.js";
import { createReviewThreads } from "../../src/github/review-threads.js";

// How many GitHub calls one human reply in a review thread costs before it is answered (or
// ignored): the thread is read from `GET .../pulls/{n}/comments`, which GitHub pages by 100.

const API = "https://api.github.com";
const REF = { owner: "acme", repo: "shop", pullNumber: 7 };
const LIST = "/repos/acme/shop/pulls/7/comments";
const BOT = "patchwise[bot]";
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const threads = () => createReviewThreads(new Octokit({ baseUrl: API, request: { retries: 0 }, log: quiet }) as unknown as GitHubClient, REF, { botLogin: BOT, retryDelayMs: 0 });

afterEach(() => nock.cleanAll());

const finding = (id: number) => ({ id, path: "src/cart.ts", line: 12, body: `**minor** Missing await\n<!-- patchwise:fp:f${id} -->`, user: { login: BOT, type: "Bot" } });
const comment = (id: number, over: Record<string, unknown> = {}) => ({ id, path: "src/cart.ts", line: 3, body: `note ${id}`, user: { login: "colleague", type: "User" }, ...over });

/**
 * The pull request's review comments as GitHub serves them: 100 a page, in the order asked
 * (`sort=created&direction=desc` newest first, else oldest first), with the Link header Octokit
 * follows. Returns the pages requested.
 */
function servesReviewComments(comments: Array<{ id: number }>): string[] {
  const requested: string[] = [];
  nock(API)
    .get(LIST)
    .query(true)
    .times(Infinity)
    .reply(function reply(uri) {
      const query = new URL(uri, API).searchParams;
      requested.push(query.toString());
      const ordered = [...comments].sort((a, b) => (query.get("direction") === "desc" ? b.id - a.id : a.id - b.id));
      const page = Number(query.get("page") ?? "1");
      const pages = Math.ceil(ordered.length / 100);
      const next = new URLSearchParams(query);
      next.set("page", String(page + 1));
      return [200, ordered.slice((page - 1) * 100, page * 100), page < pages ? { link: `<${API}${LIST}?${next.toString()}>; rel="next"` } : {}];
    });
  return requested;
}

// 249 older comments (Patchwise's finding 5 among them, its finding 240 recent), then the reply.
const longPullRequest = (rootId: number, replyId = 251) => [
  ...Array.from({ length: 250 }, (_, i) => (i + 1 === 5 || i + 1 === 240 ? finding(i + 1) : comment(i + 1))),
  comment(replyId, { in_reply_to_id: rootId, body: "Why?", user: { login: "maintainer-1", type: "User" } }),
];

describe("reading the thread of a reply", () => {
  it("a reply to a recent finding on a pull request with 251 review comments: one page, newest first, instead of all three", async () => {
    const pages = servesReviewComments([...longPullRequest(240), comment(245, { in_reply_to_id: 240, body: "Me too", user: { login: "maintainer-2", type: "User" } })]);

    const thread = await threads().readThread(251);

    expect(thread).toEqual({
      id: 240,
      path: "src/cart.ts",
      line: 12,
      comments: [
        { author: BOT, ours: true, body: "**minor** Missing await\n<!-- patchwise:fp:f240 -->" },
        { author: "maintainer-2", ours: false, body: "Me too" },
        { author: "maintainer-1", ours: false, body: "Why?" },
      ],
    });
    expect(pages).toEqual(["per_page=100&sort=created&direction=desc"]);
  });

  it("a reply to an old finding reads down to it and no further", async () => {
    const pages = servesReviewComments(longPullRequest(5));

    expect(await threads().readThread(251)).toMatchObject({ id: 5, comments: [{ ours: true }, { author: "maintainer-1" }] });
    expect(pages).toHaveLength(3);
  });

  it("a reply in someone else's recent thread: one page, and null", async () => {
    const pages = servesReviewComments(longPullRequest(230));

    expect(await threads().readThread(251)).toBeNull();
    expect(pages).toHaveLength(1);
  });

  it("a comment that replies to nothing: one page, and null", async () => {
    const pages = servesReviewComments([...longPullRequest(240).slice(0, 250), comment(251)]);

    expect(await threads().readThread(251)).toBeNull();
    expect(pages).toHaveLength(1);
  });
});
