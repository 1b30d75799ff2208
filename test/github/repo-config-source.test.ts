import { afterEach, describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { ConfigReadError } from "../../src/github/config-read-error.js";
import { createRepoConfigSource } from "../../src/github/repo-config-source.js";

const API = "https://api.github.com";
const CONTENTS = "/repos/acme/shop/contents/.github%2Fpatchwise.yml";
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const source = () => createRepoConfigSource(new Octokit({ baseUrl: API, request: { retries: 0 }, log: quiet }), { owner: "acme", repo: "shop" });

const file = (text: string) => ({ type: "file", encoding: "base64", path: ".github/patchwise.yml", content: Buffer.from(text).toString("base64") });

/** Asks for the file with no `ref` at all, i.e. from the default branch. */
const contents = () => nock(API).get(CONTENTS).query((query) => Object.keys(query).length === 0);

afterEach(() => nock.cleanAll());

describe("loadRepoConfig (default branch, REST)", () => {
  it.each([
    ["a config", "model: gpt-4.1-mini\nexclude:\n  - '**/*.snap'\nmaxComments: 5\n", { model: "gpt-4.1-mini", exclude: ["**/*.snap"], maxComments: 5 }],
    ["an empty file", "", {}],
    ["a file of comments only", "# nothing yet\n", {}],
  ])("returns the parsed YAML of %s", async (_case, text, expected) => {
    const scope = contents().reply(200, file(text));
    expect(await source().loadRepoConfig()).toEqual(expected);
    expect(scope.isDone()).toBe(true);
  });

  it("returns null when the repository has no config", async () => {
    const scope = contents().reply(404, { message: "Not Found" });
    expect(await source().loadRepoConfig()).toBeNull();
    expect(scope.isDone()).toBe(true);
  });

  it("throws a ConfigReadError naming the file and line, without quoting the file", async () => {
    const scope = contents().reply(200, file("model: gpt-4.1\nexclude: [ 'sk-secret-in-config'\ndrafts: true\n"));
    const error = await source().loadRepoConfig().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigReadError);
    expect(error).toMatchObject({ path: ".github/patchwise.yml", retryable: false });
    expect((error as ConfigReadError).line).toBeGreaterThanOrEqual(2);
    expect((error as Error).message).toMatch(/^\.github\/patchwise\.yml line \d+: not valid YAML \([A-Z_]+\); fix the file on the default branch/);
    expect((error as Error).message).not.toContain("sk-secret");
    expect(scope.isDone()).toBe(true);
  });

  it("reports a duplicated key, which YAML forbids, on its line", async () => {
    const scope = contents().reply(200, file("drafts: true\nmodel: a\ndrafts: false\n"));
    await expect(source().loadRepoConfig()).rejects.toMatchObject({ name: "ConfigReadError", line: 3 });
    expect(scope.isDone()).toBe(true);
  });

  it("refuses a directory at the config path", async () => {
    const scope = contents().reply(200, [{ type: "file", name: "a.yml", path: ".github/patchwise.yml/a.yml" }]);
    await expect(source().loadRepoConfig()).rejects.toThrow(".github/patchwise.yml: not a regular file");
    expect(scope.isDone()).toBe(true);
  });

  it("lets other GitHub errors through", async () => {
    const scope = contents().reply(403, { message: "Resource not accessible by integration" });
    await expect(source().loadRepoConfig()).rejects.toMatchObject({ status: 403 });
    expect(scope.isDone()).toBe(true);
  });
});

describe("loadInstructionFiles (the Action's source)", () => {
  it("reads the instruction files from the default branch too", async () => {
    const scope = nock(API)
      .get("/repos/acme/shop/contents/.github")
      .query((query) => Object.keys(query).length === 0)
      .reply(200, [{ type: "file", name: "copilot-instructions.md", path: ".github/copilot-instructions.md", size: 21, sha: "a" }])
      .get("/repos/acme/shop/contents/.github%2Fcopilot-instructions.md")
      .query((query) => Object.keys(query).length === 0)
      .reply(200, { ...file("Prefer early returns."), path: ".github/copilot-instructions.md" });
    const sources = await source().loadInstructionFiles!();
    expect(sources.files.map((read) => [read.path, new TextDecoder().decode(read.bytes)])).toEqual([[".github/copilot-instructions.md", "Prefer early returns."]]);
    expect(scope.isDone()).toBe(true);
  });
});
