import { afterEach, describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { readInstructionFiles } from "../../src/github/read-instruction-files.js";

const API = "https://api.github.com";
const REPO = "/repos/acme/shop";
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const read = () => readInstructionFiles(new Octokit({ baseUrl: API, request: { retries: 0 }, log: quiet }), { owner: "acme", repo: "shop" });
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Every read asks for the default branch: no `ref` at all. */
const noRef = (query: Record<string, unknown>) => Object.keys(query).length === 0;
const file = (path: string, content: string) => ({ type: "file", encoding: "base64", path, content: Buffer.from(content).toString("base64") });
const entry = (path: string, type: string, size = 10, sha = `sha-${path}`) => ({ type, name: path.split("/").pop(), path, size, sha });

afterEach(() => nock.cleanAll());

describe("readInstructionFiles (default branch, contents API)", () => {
  it("one call when the repository has no .github folder", async () => {
    const scope = nock(API).get(`${REPO}/contents/.github`).query(noRef).reply(404, { message: "Not Found" });
    expect(await read()).toEqual({ files: [], skipped: [] });
    expect(scope.isDone()).toBe(true);
  });

  it("one call when .github holds neither file", async () => {
    const scope = nock(API).get(`${REPO}/contents/.github`).query(noRef).reply(200, [entry(".github/workflows", "dir"), entry(".github/patchwise.yml", "file")]);
    expect(await read()).toEqual({ files: [], skipped: [] });
    expect(scope.isDone()).toBe(true);
  });

  it("lists .github, the instructions tree (subfolders included) in one call, then reads each planned file", async () => {
    const scope = nock(API)
      .get(`${REPO}/contents/.github`)
      .query(noRef)
      .reply(200, [entry(".github/copilot-instructions.md", "file", 22), entry(".github/instructions", "dir", 0, "tree-1")])
      .get(`${REPO}/git/trees/tree-1`)
      .query({ recursive: "true" })
      .reply(200, {
        sha: "tree-1",
        truncated: false,
        tree: [
          { path: "web", mode: "040000", type: "tree", sha: "t2" },
          { path: "web/a11y.instructions.md", mode: "100644", type: "blob", size: 30, sha: "b1" },
          { path: "README.md", mode: "100644", type: "blob", size: 10, sha: "b2" },
          { path: "elsewhere.instructions.md", mode: "120000", type: "blob", size: 12, sha: "b3" },
          { path: "huge.instructions.md", mode: "100644", type: "blob", size: 300_000, sha: "b4" },
        ],
      })
      .get(`${REPO}/contents/${encodeURIComponent(".github/copilot-instructions.md")}`)
      .query(noRef)
      .reply(200, file(".github/copilot-instructions.md", "Prefer early returns."))
      .get(`${REPO}/contents/${encodeURIComponent(".github/instructions/web/a11y.instructions.md")}`)
      .query(noRef)
      .reply(200, file(".github/instructions/web/a11y.instructions.md", '---\napplyTo: "web/**"\n---\nCheck accessibility.'));

    const sources = await read();

    expect(sources.files.map((source) => [source.path, text(source.bytes)])).toEqual([
      [".github/copilot-instructions.md", "Prefer early returns."],
      [".github/instructions/web/a11y.instructions.md", '---\napplyTo: "web/**"\n---\nCheck accessibility.'],
    ]);
    // Neither the link nor the oversized file was fetched: only the four calls above were made.
    expect(sources.skipped).toEqual([
      { path: ".github/instructions/elsewhere.instructions.md", reason: "a symbolic link (only regular files are read)" },
      { path: ".github/instructions/huge.instructions.md", reason: "293 KiB, over the 64 KiB an instruction file may have" },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it("never follows a repository-wide file that is a symbolic link", async () => {
    const scope = nock(API).get(`${REPO}/contents/.github`).query(noRef).reply(200, [entry(".github/copilot-instructions.md", "symlink", 40)]);
    expect(await read()).toEqual({ files: [], skipped: [{ path: ".github/copilot-instructions.md", reason: "a symbolic link (only regular files are read)" }] });
    expect(scope.isDone()).toBe(true);
  });

  it("skips a listed file GitHub no longer answers as a regular file, and lets other GitHub errors through", async () => {
    nock(API)
      .get(`${REPO}/contents/.github`)
      .query(noRef)
      .reply(200, [entry(".github/copilot-instructions.md", "file", 22)])
      .get(`${REPO}/contents/${encodeURIComponent(".github/copilot-instructions.md")}`)
      .query(noRef)
      .reply(200, [entry(".github/copilot-instructions.md/x", "file")]);
    expect(await read()).toEqual({ files: [], skipped: [{ path: ".github/copilot-instructions.md", reason: "could not be read as a regular file" }] });

    nock(API).get(`${REPO}/contents/.github`).query(noRef).reply(403, { message: "Resource not accessible by integration" });
    await expect(read()).rejects.toMatchObject({ status: 403 });
  });
});
