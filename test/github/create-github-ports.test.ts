import { afterEach, describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { createGitHubPorts } from "../../src/github/create-github-ports.js";

const API = "https://api.github.com";
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

afterEach(() => nock.cleanAll());

describe("createGitHubPorts", () => {
  it("gives ports that all read and write the one pull request and its repository's default branch", async () => {
    const octokit = new Octokit({ baseUrl: API, request: { retries: 0 }, log: quiet });
    const ports = createGitHubPorts(octokit, { owner: "acme", repo: "shop", pullNumber: 12 }, { botLogin: "patchwise[bot]" });
    const scope = nock(API)
      .get("/repos/acme/shop/contents/.github%2Fpatchwise.yml")
      .query((query) => Object.keys(query).length === 0)
      .reply(404, { message: "Not Found" })
      .get("/repos/acme/shop/pulls/12/files")
      .query({ per_page: "100" })
      .reply(200, [])
      .get("/repos/acme/shop/pulls/12/reviews")
      .query({ per_page: "100" })
      .reply(200, [{ id: 1, commit_id: "c".repeat(40), body: "<!-- patchwise:review -->", user: { login: "someone-else" } }])
      .get("/repos/acme/shop/issues/12/comments")
      .query({ per_page: "100" })
      .reply(200, [])
      .post("/repos/acme/shop/issues/12/comments", { body: "Done.\n\n<!-- patchwise:summary -->" })
      .reply(201, { id: 2 });
    expect(await ports.config.loadRepoConfig()).toBeNull();
    expect(await ports.source.listFiles()).toEqual([]);
    // The botLogin option reaches the publisher: a marker in another account's review does not count.
    expect(await ports.publisher.hasReviewForCommit("c".repeat(40))).toBe(false);
    await ports.publisher.upsertSummary("Done.");
    expect(scope.isDone()).toBe(true);
  });
});
