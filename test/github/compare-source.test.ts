import { afterEach, describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { compareCommits } from "../../src/github/compare-source.js";

const API = "https://api.github.com";
const REF = { owner: "acme", repo: "shop" };
const BASE = "a".repeat(40);
const HEAD = "b".repeat(40);
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const octokit = () => new Octokit({ baseUrl: API, request: { retries: 0 }, log: quiet });

afterEach(() => {
  nock.cleanAll();
});

describe("compareCommits", () => {
  it("asks GitHub's compare of the two commits once and reads its status and files", async () => {
    const scope = nock(API)
      .get(`/repos/acme/shop/compare/${BASE}...${HEAD}`)
      .reply(200, {
        status: "ahead",
        ahead_by: 1,
        behind_by: 0,
        commits: [{ sha: HEAD }],
        files: [
          { sha: "1", filename: "src/a.ts", status: "modified", additions: 1, deletions: 0, changes: 1, patch: "@@ -1 +1,2 @@\n a\n+b" },
          { sha: "2", filename: "src/new-name.ts", previous_filename: "src/old-name.ts", status: "renamed", additions: 0, deletions: 0, changes: 0 },
        ],
      });

    await expect(compareCommits(octokit(), REF, BASE, HEAD)).resolves.toEqual({
      status: "ahead",
      files: [
        { path: "src/a.ts", status: "modified", additions: 1, deletions: 0, patch: "@@ -1 +1,2 @@\n a\n+b" },
        { path: "src/new-name.ts", previousPath: "src/old-name.ts", status: "renamed", additions: 0, deletions: 0 },
      ],
    });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ["404: the reviewed commit is gone after a force-push", 404],
    ["422: no common history", 422],
  ])("%s makes the comparison unknown", async (_name, status) => {
    nock(API).get(`/repos/acme/shop/compare/${BASE}...${HEAD}`).reply(status, { message: "Not Found" });

    await expect(compareCommits(octokit(), REF, BASE, HEAD)).resolves.toEqual({ status: "unknown" });
  });

  it("leaves a comparison with a malformed file entry (an empty file name) to the caller, which then reviews the whole pull request", async () => {
    nock(API)
      .get(`/repos/acme/shop/compare/${BASE}...${HEAD}`)
      .reply(200, { status: "ahead", files: [{ filename: "", status: "modified", additions: 1, deletions: 0, patch: "@@ -1 +1 @@\n+a" }] });

    await expect(compareCommits(octokit(), REF, BASE, HEAD)).rejects.toMatchObject({ name: "ZodError" });
  });

  it("leaves other failures to the caller", async () => {
    nock(API).get(`/repos/acme/shop/compare/${BASE}...${HEAD}`).reply(502, { message: "Bad Gateway" });

    await expect(compareCommits(octokit(), REF, BASE, HEAD)).rejects.toMatchObject({ status: 502 });
  });
});
