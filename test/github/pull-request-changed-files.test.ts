import { afterEach, describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { noteUnlistedFiles } from "../../src/core/files/note-unlisted-files.js";
import { createPullRequestSource } from "../../src/github/pull-request-source.js";

const API = "https://api.github.com";
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

afterEach(() => nock.cleanAll());

describe("a pull request with more files than GitHub lists", () => {
  it("reports GitHub's changed_files, so the review can say how many files it never saw", async () => {
    const scope = nock(API)
      .get("/repos/acme/shop/pulls/7")
      .reply(200, {
        number: 7,
        title: "Regenerate fixtures",
        body: null,
        state: "open",
        draft: false,
        changed_files: 3_412,
        user: { login: "alice" },
        head: { sha: "a".repeat(40), ref: "feature" },
        base: { sha: "b".repeat(40), ref: "main" },
      });
    const source = createPullRequestSource(new Octokit({ baseUrl: API, request: { retries: 0 }, log: quiet }), { owner: "acme", repo: "shop", pullNumber: 7 });
    const pr = await source.getPullRequest();
    expect(pr.changedFiles).toBe(3_412);
    expect(noteUnlistedFiles(pr.changedFiles, 3_000)).toBe("Only 3000 of the 3412 changed files were listed (GitHub's API lists at most 3,000), so 412 files were not reviewed.");
    expect(scope.isDone()).toBe(true);
  });
});
