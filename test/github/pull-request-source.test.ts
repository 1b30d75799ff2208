import { afterEach, describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { createPullRequestSource } from "../../src/github/pull-request-source.js";

const API = "https://api.github.com";
const REF = { owner: "acme", repo: "shop", pullNumber: 7 };
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const source = () => createPullRequestSource(new Octokit({ baseUrl: API, request: { retries: 0 }, log: quiet }), REF);

function pull(over: Record<string, unknown> = {}) {
  return {
    number: 7,
    title: "Sum prices",
    body: "Fixes #3",
    state: "open",
    draft: false,
    user: { login: "alice", type: "User" },
    head: { sha: "a".repeat(40), ref: "feature" },
    base: { sha: "b".repeat(40), ref: "main" },
    ...over,
  };
}

afterEach(() => nock.cleanAll());

describe("getPullRequest", () => {
  it.each([
    ["an open PR", pull(), { body: "Fixes #3", draft: false, state: "open" }],
    ["a PR without a description", pull({ body: null }), { body: "", draft: false, state: "open" }],
    ["a closed draft", pull({ state: "closed", draft: true }), { body: "Fixes #3", draft: true, state: "closed" }],
  ])("maps %s", async (_case, data, expected) => {
    const scope = nock(API).get("/repos/acme/shop/pulls/7").reply(200, data);
    expect(await source().getPullRequest()).toEqual({
      number: 7,
      title: "Sum prices",
      authorLogin: "alice",
      baseRef: "main",
      baseSha: "b".repeat(40),
      headSha: "a".repeat(40),
      ...expected,
    });
    expect(scope.isDone()).toBe(true);
  });

  it("lets a 404 through for the pipeline to report", async () => {
    const scope = nock(API).get("/repos/acme/shop/pulls/7").reply(404, { message: "Not Found" });
    await expect(source().getPullRequest()).rejects.toMatchObject({ status: 404 });
    expect(scope.isDone()).toBe(true);
  });
});

describe("listFiles", () => {
  it("reads every page, 100 files at a time, and maps renames and missing patches", async () => {
    const firstPage = Array.from({ length: 100 }, (_, i) => ({ filename: `src/f${i}.ts`, status: "modified", additions: 1, deletions: 1, changes: 2, patch: "@@ -1 +1 @@\n-a\n+b" }));
    const scope = nock(API)
      .get("/repos/acme/shop/pulls/7/files")
      .query({ per_page: "100" })
      .reply(200, firstPage, { link: `<${API}/repositories/9/pulls/7/files?per_page=100&page=2>; rel="next", <${API}/repositories/9/pulls/7/files?per_page=100&page=2>; rel="last"` })
      .get("/repositories/9/pulls/7/files")
      .query({ per_page: "100", page: "2" })
      .reply(200, [
        { filename: "lib/new-name.ts", previous_filename: "lib/old-name.ts", status: "renamed", additions: 0, deletions: 0, changes: 0 },
        { filename: "logo.png", status: "added", additions: 0, deletions: 0, changes: 0 },
      ]);
    const files = await source().listFiles();
    expect(files).toHaveLength(102);
    expect(files[0]).toEqual({ path: "src/f0.ts", status: "modified", additions: 1, deletions: 1, patch: "@@ -1 +1 @@\n-a\n+b" });
    expect(files.slice(100)).toEqual([
      { path: "lib/new-name.ts", previousPath: "lib/old-name.ts", status: "renamed", additions: 0, deletions: 0 },
      { path: "logo.png", status: "added", additions: 0, deletions: 0 },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  // A malformed entry must not fail the review: it is named among the skipped files, by its fields' names only.
  it.each([
    ["an empty file name", { filename: "" }, { path: "(entry 2 of GitHub's file list)", invalid: "GitHub listed it with an invalid filename" }],
    ["no file name", { filename: undefined }, { path: "(entry 2 of GitHub's file list)", invalid: "GitHub listed it with an invalid filename" }],
    ["a status GitHub did not have before", { status: "exploded" }, { path: "src/b.ts", invalid: "GitHub listed it with an invalid status" }],
    ["counts that are not numbers", { additions: "3", deletions: -1 }, { path: "src/b.ts", invalid: "GitHub listed it with an invalid additions, deletions" }],
    ["a patch that is not text", { patch: 42 }, { path: "src/b.ts", invalid: "GitHub listed it with an invalid patch" }],
  ])("keeps an entry with %s as one to skip, and reads the others", async (_case, over, expected) => {
    const good = (filename: string) => ({ filename, status: "modified", additions: 1, deletions: 1, changes: 2, patch: "@@ -1 +1 @@\n-a\n+b" });
    const scope = nock(API)
      .get("/repos/acme/shop/pulls/7/files")
      .query({ per_page: "100" })
      .reply(200, [good("src/a.ts"), { ...good("src/b.ts"), ...over }, good("src/c.ts")]);
    const files = await source().listFiles();
    expect(files).toEqual([
      { path: "src/a.ts", status: "modified", additions: 1, deletions: 1, patch: "@@ -1 +1 @@\n-a\n+b" },
      { status: "unchanged", additions: 0, deletions: 0, ...expected },
      { path: "src/c.ts", status: "modified", additions: 1, deletions: 1, patch: "@@ -1 +1 @@\n-a\n+b" },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it("keeps an entry that is not an object as one to skip", async () => {
    nock(API).get("/repos/acme/shop/pulls/7/files").query({ per_page: "100" }).reply(200, [null]);
    expect(await source().listFiles()).toEqual([{ path: "(entry 1 of GitHub's file list)", status: "unchanged", additions: 0, deletions: 0, invalid: "GitHub listed it with an invalid entry" }]);
  });

  it("stops reading pages once it has the files asked for", async () => {
    const page = (n: number) => Array.from({ length: 100 }, (_, i) => ({ filename: `src/p${n}-f${i}.ts`, status: "modified", additions: 1, deletions: 0, changes: 1, patch: "@@ -1 +1 @@\n+b" }));
    const next = (n: number) => ({ link: `<${API}/repositories/9/pulls/7/files?per_page=100&page=${n}>; rel="next"` });
    const scope = nock(API)
      .get("/repos/acme/shop/pulls/7/files")
      .query({ per_page: "100" })
      .reply(200, page(1), next(2))
      .get("/repositories/9/pulls/7/files")
      .query({ per_page: "100", page: "2" })
      .reply(200, page(2), next(3));
    const files = await source().listFiles({ atMost: 150 });
    // Two pages hold the 150: the third (and the 27 after it, on a 3,000-file PR) is never asked for.
    expect(files).toHaveLength(200);
    expect(scope.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
