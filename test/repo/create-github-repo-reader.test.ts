import { afterEach, describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import { execFileSync } from "node:child_process";
import nock from "nock";
import { Readable } from "node:stream";
import { createOctokitClass } from "../../src/github/create-octokit-class.js";
import type { GitHubClient } from "../../src/github/github-client.js";
import { createGitHubRepoReader } from "../../src/repo/create-github-repo-reader.js";
import { DEFAULT_SNAPSHOT_LIMITS } from "../../src/repo/snapshot-limits.js";
import { makeGitRepo } from "../cli/make-git-repo.js";
import { buildTarball, type TarEntry } from "./build-tarball.js";

const API = "https://api.github.com";
const CODELOAD = "https://codeload.github.com";
const SHA = "0123456789abcdef0123456789abcdef01234567";
const PREFIX = `acme-shop-${SHA.slice(0, 7)}`;
const COORDS = { owner: "acme", repo: "shop" };
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const octokit = (baseUrl = API) => new Octokit({ baseUrl, request: { retries: 0 }, log: quiet });
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);

const ENTRIES: TarEntry[] = [
  { name: "src/cart.ts", content: "export const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);\n" },
  { name: "src/ünïcode.ts", content: "export const greeting = 'héllo';\n" },
  { name: "README.md", content: "# Shop\n" },
  { name: "logo.png", content: PNG },
  { name: "node_modules/left-pad/index.js", content: "module.exports = 1;\n" },
  { name: "dist/cart.js", content: "exports.total = 1;\n" },
  { name: "package-lock.json", content: "{}\n" },
  { name: "data/huge.json", content: "x".repeat(DEFAULT_SNAPSHOT_LIMITS.maxFileBytes + 1) },
  { name: "secrets-link", type: "symlink", linkname: "/etc/passwd" },
];

function replyWithTarball(tarball: Buffer, api = nock(API)) {
  return {
    api: api.get(`/repos/acme/shop/tarball/${SHA}`).reply(302, "", { location: `${CODELOAD}/acme/shop/legacy.tar.gz/${SHA}` }),
    codeload: nock(CODELOAD).get(`/acme/shop/legacy.tar.gz/${SHA}`).reply(200, tarball, { "content-type": "application/x-gzip" }),
  };
}

function treeEntry(path: string, size: number, mode = "100644") {
  return { path, mode, type: "blob", sha: `sha-${path}`, size, url: "" };
}

afterEach(() => nock.cleanAll());

describe("createGitHubRepoReader: the tarball", () => {
  it("reads the repository with one API call (redirected to codeload), in memory, prefix stripped, binaries and excluded files skipped", async () => {
    const scopes = replyWithTarball(await buildTarball(PREFIX, ENTRIES));
    const snapshot = await createGitHubRepoReader(octokit(), COORDS).readSnapshot({ ref: SHA });
    expect(snapshot.listPaths()).toEqual(["README.md", "src/cart.ts", "src/ünïcode.ts"]);
    expect(snapshot.readText("src/cart.ts")).toBe("export const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);\n");
    expect(snapshot.readText("src/ünïcode.ts")).toBe("export const greeting = 'héllo';\n");
    expect(snapshot.readText("logo.png")).toBeUndefined();
    expect(snapshot.readText("secrets-link")).toBeUndefined();
    expect(snapshot.stats).toEqual({
      source: "tarball",
      files: 3,
      bytes: Buffer.byteLength(["export const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);\n", "export const greeting = 'héllo';\n", "# Shop\n"].join("")),
      skippedBinary: 1,
      skippedTooLarge: 1,
      skippedExcluded: 4,
      skippedUnneeded: 0,
      truncated: false,
    });
    expect(scopes.api.isDone() && scopes.codeload.isDone()).toBe(true);
  });

  it("holds only the files its rank needs: the others stream past, never decoded, and do not count against the cap", async () => {
    const entries: TarEntry[] = [
      { name: "src/cart.ts", content: "export const cart = 1;\n" },
      { name: "docs/guide.md", content: "A guide. ".repeat(20) },
    ];
    const scopes = replyWithTarball(await buildTarball(PREFIX, entries));
    const limits = { ...DEFAULT_SNAPSHOT_LIMITS, maxTotalBytes: 60 };
    const snapshot = await createGitHubRepoReader(octokit(), COORDS, limits).readSnapshot({ ref: SHA, rank: (path) => (path.endsWith(".ts") ? 0 : undefined) });
    expect(snapshot.listPaths()).toEqual(["src/cart.ts"]);
    expect(snapshot.stats).toMatchObject({ source: "tarball", files: 1, skippedUnneeded: 1, truncated: false });
    expect(scopes.api.isDone() && scopes.codeload.isDone()).toBe(true);
  });

  it("reads a tarball as `git archive` makes it (GitHub's format, with its pax global header)", async () => {
    const repo = makeGitRepo();
    try {
      repo.write({ "lib/a.py": "def a():\n    return 1\n", "lib/b.py": "from .a import a\n" });
      repo.git("add", ".");
      repo.git("commit", "-qm", "init");
      const tarball = execFileSync("git", ["archive", "--format=tar.gz", `--prefix=${PREFIX}/`, "HEAD"], { cwd: repo.dir });
      const scopes = replyWithTarball(tarball);
      const snapshot = await createGitHubRepoReader(octokit(), COORDS).readSnapshot({ ref: SHA });
      expect(snapshot.listPaths()).toEqual(["lib/a.py", "lib/b.py"]);
      expect(snapshot.readText("lib/b.py")).toBe("from .a import a\n");
      expect(scopes.api.isDone() && scopes.codeload.isDone()).toBe(true);
    } finally {
      repo.remove();
    }
  });

  it("follows GitHub Enterprise's redirect to its own host", async () => {
    const ghe = "https://ghe.example.com";
    const tarball = await buildTarball(PREFIX, [{ name: "a.ts", content: "a\n" }]);
    const api = nock(ghe)
      .get(`/api/v3/repos/acme/shop/tarball/${SHA}`)
      .reply(302, "", { location: `${ghe}/_codeload/acme/shop/legacy.tar.gz/${SHA}?token=t` })
      .get(`/_codeload/acme/shop/legacy.tar.gz/${SHA}`)
      .query({ token: "t" })
      .reply(200, tarball, { "content-type": "application/x-gzip" });
    const snapshot = await createGitHubRepoReader(octokit(`${ghe}/api/v3`), COORDS).readSnapshot({ ref: SHA });
    expect(snapshot.listPaths()).toEqual(["a.ts"]);
    expect(api.isDone()).toBe(true);
  });
});

describe("createGitHubRepoReader: the git-trees fallback", () => {
  const files: Record<string, string> = {
    "src/cart.ts": "export const cart = 1;\n",
    "src/cart.test.ts": "import { cart } from './cart';\n",
    "src/util.ts": "export const util = 2;\n",
    "docs/guide.md": "# Guide\n",
  };
  const tree = {
    sha: "tree",
    url: "",
    truncated: false,
    tree: [
      ...Object.entries(files).map(([path, text]) => treeEntry(path, Buffer.byteLength(text))),
      treeEntry("src/logo.png", 12),
      treeEntry("src/huge.json", DEFAULT_SNAPSHOT_LIMITS.maxFileBytes + 1),
      treeEntry("node_modules/x/index.js", 10),
      treeEntry("src/link.ts", 11, "120000"),
      { path: "src", mode: "040000", type: "tree", sha: "t1", url: "" },
      { path: "vendor-sub", mode: "160000", type: "commit", sha: "c1", url: "" },
    ],
  };
  // Changed file first, then its directory; docs are not needed.
  const rank = (path: string) => (path === "src/cart.ts" ? 0 : path.startsWith("src/") || path.startsWith("node_modules/") ? 1 : undefined);

  function replyWithTreeAndBlobs(paths: string[]) {
    let scope = nock(API).get(`/repos/acme/shop/git/trees/${SHA}`).query({ recursive: "1" }).reply(200, tree);
    for (const path of paths) {
      const content = path === "src/logo.png" ? PNG.toString("base64") : Buffer.from(files[path]!).toString("base64");
      scope = scope.get(`/repos/acme/shop/git/blobs/sha-${encodeURIComponent(path)}`).reply(200, { sha: `sha-${path}`, size: 1, encoding: "base64", content });
    }
    return scope;
  }

  it("falls back when the tarball passes the total cap, and reads only the ranked paths, best first", async () => {
    const limits = { ...DEFAULT_SNAPSHOT_LIMITS, maxTotalBytes: 40 };
    const tarball = replyWithTarball(await buildTarball(PREFIX, Object.entries(files).map(([name, content]) => ({ name, content }))));
    const fallback = replyWithTreeAndBlobs(["src/cart.ts"]);
    const snapshot = await createGitHubRepoReader(octokit(), COORDS, limits).readSnapshot({ ref: SHA, rank });
    // 40 bytes hold cart.ts (23) but not cart.test.ts (32) as well: the cap truncates after the best one.
    expect(snapshot.listPaths()).toEqual(["src/cart.ts"]);
    expect(snapshot.readText("src/cart.ts")).toBe(files["src/cart.ts"]);
    expect(snapshot.stats).toMatchObject({ source: "git-tree", truncated: true, fallbackReason: "the repository has more than 40 bytes of text files" });
    expect(tarball.api.isDone() && tarball.codeload.isDone() && fallback.isDone()).toBe(true);
  });

  it("falls back when the tarball fails, stops at maxBlobReads, and skips binaries, symlinks, oversized and excluded blobs", async () => {
    const limits = { ...DEFAULT_SNAPSHOT_LIMITS, maxBlobReads: 3 };
    const failing = nock(API).get(`/repos/acme/shop/tarball/${SHA}`).reply(502, { message: "Server Error" });
    const fallback = replyWithTreeAndBlobs(["src/cart.ts", "src/cart.test.ts", "src/logo.png"]);
    const snapshot = await createGitHubRepoReader(octokit(), COORDS, limits).readSnapshot({ ref: SHA, rank });
    expect(snapshot.listPaths()).toEqual(["src/cart.test.ts", "src/cart.ts"]);
    expect(snapshot.stats).toEqual({
      source: "git-tree",
      files: 2,
      bytes: Buffer.byteLength(files["src/cart.ts"]! + files["src/cart.test.ts"]!),
      skippedBinary: 1,
      skippedTooLarge: 1,
      skippedExcluded: 2,
      skippedUnneeded: 1,
      truncated: true,
      fallbackReason: "the tarball could not be read (HTTP 502)",
    });
    expect(failing.isDone() && fallback.isDone()).toBe(true);
  });

  it("falls back when the archive is not a valid gzip", async () => {
    const tarball = replyWithTarball(Buffer.from("<html>not a tarball</html>"));
    const fallback = replyWithTreeAndBlobs(["src/cart.ts", "src/cart.test.ts", "src/logo.png", "src/util.ts"]);
    const snapshot = await createGitHubRepoReader(octokit(), COORDS).readSnapshot({ ref: SHA, rank });
    expect(snapshot.listPaths()).toEqual(["src/cart.test.ts", "src/cart.ts", "src/util.ts"]);
    expect(snapshot.stats?.fallbackReason).toBe("the tarball could not be read (Z_DATA_ERROR)");
    expect(tarball.codeload.isDone() && fallback.isDone()).toBe(true);
  });

  it("falls back when the tarball stops arriving mid-body (the App's idle deadline), instead of waiting for ever", async () => {
    // Our class, with the App's deadlines shortened: only the stalled body is slow.
    const OctokitClass = createOctokitClass(undefined, { requestTime: { answerMs: 5_000, idleMs: 300 } });
    const client = new OctokitClass({ auth: { token: "t" }, request: { retries: 0 } }) as unknown as GitHubClient;
    const whole = await buildTarball(PREFIX, Object.entries(files).map(([name, content]) => ({ name, content })));
    nock(API).get(`/repos/acme/shop/tarball/${SHA}`).reply(302, "", { location: `${CODELOAD}/acme/shop/legacy.tar.gz/${SHA}` });
    const codeload = nock(CODELOAD)
      .get(`/acme/shop/legacy.tar.gz/${SHA}`)
      .reply(200, () => {
        const body = new Readable({ read() {} });
        body.push(whole.subarray(0, whole.length / 2));
        return body;
      }, { "content-type": "application/x-gzip" });
    const fallback = replyWithTreeAndBlobs(["src/cart.ts", "src/cart.test.ts", "src/logo.png", "src/util.ts"]);

    const snapshot = await createGitHubRepoReader(client, COORDS).readSnapshot({ ref: SHA, rank });

    expect(snapshot.listPaths()).toEqual(["src/cart.test.ts", "src/cart.ts", "src/util.ts"]);
    expect(snapshot.stats?.fallbackReason).toBe("the tarball could not be read (no data in time)");
    expect(codeload.isDone() && fallback.isDone()).toBe(true);
  });

  it("does not fall back when the review was aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("shutting down"));
    const fallback = replyWithTreeAndBlobs([]);
    await expect(createGitHubRepoReader(octokit(), COORDS).readSnapshot({ ref: SHA, rank, signal: controller.signal })).rejects.toThrow("shutting down");
    expect(fallback.isDone()).toBe(false);
  });
});
