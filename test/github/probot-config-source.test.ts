import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { ConfigReadError } from "../../src/github/config-read-error.js";
import { createOctokitClass } from "../../src/github/create-octokit-class.js";
import { createProbotConfigSource } from "../../src/github/probot-config-source.js";

// The App's own Octokit class (Probot's plugins, and the cache of the organisation's file) against nock.
const API = "https://api.github.com";
// A class per test: each class has its own cache of the organisation's file, as each App process does.
const source = (AppOctokit = createOctokitClass(), repo = "shop") => createProbotConfigSource(new AppOctokit({ baseUrl: API, auth: { token: "ghs_test" } }), { owner: "acme", repo });

const path = (repo: string) => `/repos/acme/${repo}/contents/.github%2Fpatchwise.yml`;
const raw = (text: string) => [200, text, { "content-type": "application/vnd.github.raw; charset=utf-8" }] as const;

afterEach(() => nock.cleanAll());

describe("createProbotConfigSource", () => {
  it("reads the repository's own file from the default branch", async () => {
    const scope = nock(API)
      .get(path("shop"))
      .query((query) => Object.keys(query).length === 0)
      .reply(...raw("drafts: true\nmaxComments: 3\n"));
    expect(await source().loadRepoConfig()).toEqual({ drafts: true, maxComments: 3 });
    expect(scope.isDone()).toBe(true);
  });

  it("reads a raw answer that names no charset", async () => {
    const scope = nock(API).get(path("shop")).reply(200, "drafts: true\n", { "content-type": "application/vnd.github.raw" });
    expect(await source().loadRepoConfig()).toEqual({ drafts: true });
    expect(scope.isDone()).toBe(true);
  });

  it("falls back to the organisation's .github repository", async () => {
    const scope = nock(API)
      .get(path("shop"))
      .reply(404, { message: "Not Found" })
      .get(path(".github"))
      .reply(...raw("minSeverity: major\n"));
    expect(await source().loadRepoConfig()).toEqual({ minSeverity: "major" });
    expect(scope.isDone()).toBe(true);
  });

  it("reads the organisation's file once for a burst of reviews in its repositories, and again once the cache time is over", async () => {
    nock(API).get(path("shop")).times(2).reply(404, { message: "Not Found" }).get(path("cart")).reply(404, { message: "Not Found" });
    const org = nock(API).get(path(".github")).reply(...raw("minSeverity: major\n"));
    const calls: string[] = [];
    const AppOctokit = createOctokitClass((call) => void calls.push(`${call.method} ${call.status}`));

    const answers = [await source(AppOctokit).loadRepoConfig(), await source(AppOctokit, "cart").loadRepoConfig(), await source(AppOctokit).loadRepoConfig()];

    expect(answers).toEqual([{ minSeverity: "major" }, { minSeverity: "major" }, { minSeverity: "major" }]);
    expect(org.isDone()).toBe(true);
    // Only the calls that reached GitHub are counted: each repository's own file, the organisation's once.
    expect(calls).toEqual(["GET 404", "GET 200", "GET 404", "GET 404"]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("remembers that the organisation has no file, but not a failure", async () => {
    const scope = nock(API)
      .get(path("shop"))
      .times(3)
      .reply(404, { message: "Not Found" })
      .get(path(".github"))
      .reply(403, { message: "Resource not accessible by integration" })
      .get(path(".github"))
      .reply(404, { message: "Not Found" });
    const AppOctokit = createOctokitClass();

    await expect(source(AppOctokit).loadRepoConfig()).rejects.toMatchObject({ status: 403 });
    expect(await source(AppOctokit).loadRepoConfig()).toBeNull();
    expect(await source(AppOctokit).loadRepoConfig()).toBeNull();
    expect(scope.isDone()).toBe(true);
  });

  it("returns null when neither the repository nor the organisation has a config", async () => {
    const scope = nock(API).get(path("shop")).reply(404, { message: "Not Found" }).get(path(".github")).reply(404, { message: "Not Found" });
    expect(await source().loadRepoConfig()).toBeNull();
    expect(scope.isDone()).toBe(true);
  });

  it("follows _extends, the repository's keys replacing the base's whole values", async () => {
    const scope = nock(API)
      .get(path("shop"))
      .reply(...raw("_extends: base\nexclude: ['docs/**']\n"))
      .get(path("base"))
      .reply(...raw("exclude: ['vendor/**']\nmaxComments: 4\n"));
    expect(await source().loadRepoConfig()).toEqual({ exclude: ["docs/**"], maxComments: 4 });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ["the repository's file", "shop", [], ".github/patchwise.yml"],
    ["the organisation's file", ".github", ["shop"], "acme/.github:.github/patchwise.yml"],
  ])("turns invalid YAML in %s into a ConfigReadError naming it and the line", async (_case, repo, missing, named) => {
    const scope = nock(API);
    for (const m of missing) scope.get(path(m)).reply(404, { message: "Not Found" });
    scope.get(path(repo)).reply(...raw("drafts: true\nexclude: [ 'secret-token-123'\nmodel: x\n"));
    const error = await source().loadRepoConfig().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigReadError);
    expect((error as Error).message).toMatch(new RegExp(`^${named.replace(/[.]/g, "\\.")} line \\d+: not valid YAML \\([A-Z_]+\\); fix the file`));
    expect((error as Error).message).not.toContain("secret-token");
    expect(scope.isDone()).toBe(true);
  });

  it("turns a file that is not a mapping into a ConfigReadError", async () => {
    const scope = nock(API).get(path("shop")).reply(...raw("just some words\n"));
    await expect(source().loadRepoConfig()).rejects.toThrow(".github/patchwise.yml: not a mapping of settings");
    expect(scope.isDone()).toBe(true);
  });

  // The organisation's file is read by every repository without its own: it goes through the same bounds.
  it("refuses an oversized organisation file before parsing it, naming it", async () => {
    const scope = nock(API)
      .get(path("shop"))
      .reply(404, { message: "Not Found" })
      .get(path(".github"))
      .reply(...raw(Array.from({ length: 30_000 }, (_, i) => `key${i}: 1\n`).join("")));
    await expect(source().loadRepoConfig()).rejects.toThrow("acme/.github:.github/patchwise.yml: 341 KiB, over the 64 KiB a config file may have");
    expect(scope.isDone()).toBe(true);
  });

  it("refuses a file nested thousands deep in an _extends base, naming it", async () => {
    const scope = nock(API)
      .get(path("shop"))
      .reply(...raw("_extends: base\n"))
      .get(path("base"))
      .reply(...raw(`exclude: ${"[".repeat(5_000)}${"]".repeat(5_000)}\n`));
    await expect(source().loadRepoConfig()).rejects.toThrow("acme/base:.github/patchwise.yml line 1: nested more than 16 levels deep");
    expect(scope.isDone()).toBe(true);
  });

  it("follows _extends to another owner's file and path", async () => {
    const scope = nock(API)
      .get(path("shop"))
      .reply(...raw("_extends: other/policies:review/patchwise.yaml\nmaxComments: 2\n"))
      .get("/repos/other/policies/contents/review%2Fpatchwise.yaml")
      .reply(...raw("maxComments: 4\ndrafts: true\n"));
    expect(await source().loadRepoConfig()).toEqual({ maxComments: 2, drafts: true });
    expect(scope.isDone()).toBe(true);
  });

  it("refuses an _extends chain that loops", async () => {
    const scope = nock(API).get(path("shop")).reply(...raw("_extends: base\n")).get(path("base")).reply(...raw("_extends: shop\n"));
    await expect(source().loadRepoConfig()).rejects.toThrow("acme/base:.github/patchwise.yml: its `_extends` chain loops");
    expect(scope.isDone()).toBe(true);
  });

  it("refuses an _extends value that names no repository", async () => {
    const scope = nock(API).get(path("shop")).reply(...raw("_extends: 'not a repo!'\n"));
    await expect(source().loadRepoConfig()).rejects.toThrow(".github/patchwise.yml: has an invalid `_extends` value");
    expect(scope.isDone()).toBe(true);
  });

  it("refuses an _extends chain of more than 5 files", async () => {
    const scope = nock(API).get(path("shop")).reply(...raw("_extends: b1\n"));
    for (let i = 1; i <= 5; i++) scope.get(path(`b${i}`)).reply(...raw(`_extends: b${i + 1}\n`));
    await expect(source().loadRepoConfig()).rejects.toThrow(".github/patchwise.yml: its `_extends` chain is longer than 5 files");
    expect(scope.isDone()).toBe(true);
  });

  it("refuses a directory at the config path", async () => {
    const scope = nock(API).get(path("shop")).reply(200, [{ type: "file", name: "a.yml" }], { "content-type": "application/json; charset=utf-8" });
    await expect(source().loadRepoConfig()).rejects.toThrow(".github/patchwise.yml: not a regular file");
    expect(scope.isDone()).toBe(true);
  });

  it("lets GitHub errors other than 404 through unchanged", async () => {
    const scope = nock(API).get(path("shop")).reply(403, { message: "Resource not accessible by integration" });
    await expect(source().loadRepoConfig()).rejects.toMatchObject({ status: 403 });
    expect(scope.isDone()).toBe(true);
  });
});
