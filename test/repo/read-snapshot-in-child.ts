// Runs one repository read in a child process (see keeps-code-off-disk.test.ts), so that its temp
// and working directories can be fresh, empty and its own. Prints the snapshot as JSON.
import { Octokit } from "@octokit/rest";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import type { RepoSnapshot } from "../../src/core/context/repo-snapshot.js";
import { createGitHubRepoReader } from "../../src/repo/create-github-repo-reader.js";
import { createGitObjectReader } from "../../src/repo/read-git-objects.js";
import { createWorkingTreeReader } from "../../src/repo/read-working-tree.js";
import { DEFAULT_SNAPSHOT_LIMITS } from "../../src/repo/snapshot-limits.js";
import { buildTarball } from "./build-tarball.js";

const API = "https://api.github.com";
const SHA = "0123456789abcdef0123456789abcdef01234567";
const FILES = { "src/cart.ts": "export const cart = 1;\n", "src/util.ts": "export const util = 2;\n" };

async function readGitHub(maxTotalBytes: number): Promise<RepoSnapshot> {
  nock.disableNetConnect();
  const tarball = await buildTarball("acme-shop-0123456", Object.entries(FILES).map(([name, content]) => ({ name, content })));
  nock(API).get(`/repos/acme/shop/tarball/${SHA}`).reply(302, "", { location: `https://codeload.github.com/acme/shop/legacy.tar.gz/${SHA}` });
  nock("https://codeload.github.com").get(`/acme/shop/legacy.tar.gz/${SHA}`).reply(200, tarball, { "content-type": "application/x-gzip" });
  nock(API)
    .get(`/repos/acme/shop/git/trees/${SHA}`)
    .query({ recursive: "1" })
    .reply(200, { sha: "t", url: "", truncated: false, tree: Object.entries(FILES).map(([path, text]) => ({ path, mode: "100644", type: "blob", sha: path, size: text.length, url: "" })) })
    .get(`/repos/acme/shop/git/blobs/${encodeURIComponent("src/cart.ts")}`)
    .reply(200, { sha: "b", size: 1, encoding: "base64", content: Buffer.from(FILES["src/cart.ts"]).toString("base64") });
  const octokit = new Octokit({ baseUrl: API, request: { retries: 0 } });
  const reader = createGitHubRepoReader(octokit, { owner: "acme", repo: "shop" }, { ...DEFAULT_SNAPSHOT_LIMITS, maxTotalBytes });
  return reader.readSnapshot({ ref: SHA, rank: (path) => (path === "src/cart.ts" ? 0 : 1) });
}

const [scenario, argument] = process.argv.slice(2);
let snapshot: RepoSnapshot;
if (scenario === "tarball") snapshot = await readGitHub(DEFAULT_SNAPSHOT_LIMITS.maxTotalBytes);
else if (scenario === "fallback") snapshot = await readGitHub(30);
else if (scenario === "working-tree") snapshot = await createWorkingTreeReader(argument!).readSnapshot({ ref: "HEAD" });
else if (scenario === "git-objects") snapshot = await createGitObjectReader(argument!).readSnapshot({ ref: "HEAD" });
else {
  // "leak": what a reader that spills code to disk would do, to prove the check notices it.
  writeFileSync(join(tmpdir(), "spill.ts"), "code");
  writeFileSync("spill.ts", "code");
  snapshot = { listPaths: () => [], readText: () => undefined };
}
process.stdout.write(JSON.stringify({ paths: snapshot.listPaths(), source: snapshot.stats?.source ?? null }));
