import { afterEach, describe, expect, it } from "@jest/globals";
import { symlinkSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { GitError } from "../../src/cli/run-git.js";
import { createGitObjectReader } from "../../src/repo/read-git-objects.js";
import { DEFAULT_SNAPSHOT_LIMITS } from "../../src/repo/snapshot-limits.js";
import { makeGitRepo, type GitRepo } from "../cli/make-git-repo.js";

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function gitRepo(): GitRepo {
  const repo = makeGitRepo();
  cleanups.push(repo.remove);
  return repo;
}

describe("createGitObjectReader", () => {
  it("reads the named commit's files, not the working tree's, and skips binaries, big files, excluded dirs and symlinks", async () => {
    const repo = gitRepo();
    repo.write({
      "src/cart.ts": "export const cart = 1;\n",
      "node_modules/pkg/index.js": "module.exports = 1;\n",
      "logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
      "data/big.txt": "x".repeat(DEFAULT_SNAPSHOT_LIMITS.maxFileBytes + 1),
    });
    symlinkSync("/etc/passwd", join(repo.dir, "passwd.txt"));
    repo.git("add", "-A");
    repo.git("commit", "-qm", "first");
    repo.write({ "src/cart.ts": "export const cart = 2;\n", "src/tax.ts": "export const tax = 2;\n" });
    repo.git("add", "-A");
    repo.git("commit", "-qm", "second");
    const second = repo.git("rev-parse", "HEAD").trim();
    repo.git("checkout", "-q", "HEAD~1");
    // Uncommitted edits in the checkout must not leak into the commit's snapshot either.
    repo.write({ "src/cart.ts": "export const cart = 'edited';\n", "src/untracked.ts": "export const u = 1;\n" });
    unlinkSync(join(repo.dir, "passwd.txt"));

    const snapshot = await createGitObjectReader(repo.dir).readSnapshot({ ref: second });
    expect(snapshot.listPaths()).toEqual(["src/cart.ts", "src/tax.ts"]);
    expect(snapshot.readText("src/cart.ts")).toBe("export const cart = 2;\n");
    expect(snapshot.readText("passwd.txt")).toBeUndefined();
    expect(snapshot.stats).toEqual({
      source: "git-objects",
      files: 2,
      bytes: Buffer.byteLength("export const cart = 2;\nexport const tax = 2;\n"),
      skippedBinary: 1,
      skippedTooLarge: 1,
      skippedExcluded: 2,
      skippedUnneeded: 0,
      truncated: false,
    });
  });

  it("reads the best-ranked files first when the total cap cannot hold them all, and never reads unranked ones", async () => {
    const repo = gitRepo();
    repo.write({ "a.ts": "a".repeat(30), "b.ts": "b".repeat(30), "c.ts": "c".repeat(30), "notes.md": "# Notes\n" });
    repo.git("add", "-A");
    repo.git("commit", "-qm", "init");
    const limits = { ...DEFAULT_SNAPSHOT_LIMITS, maxTotalBytes: 65 };
    const rank = (path: string) => ({ "c.ts": 0, "b.ts": 1, "a.ts": 2 })[path];
    const snapshot = await createGitObjectReader(repo.dir, limits).readSnapshot({ ref: "main", rank });
    expect(snapshot.listPaths()).toEqual(["b.ts", "c.ts"]);
    expect(snapshot.stats).toMatchObject({ files: 2, skippedUnneeded: 1, truncated: true });
  });

  it("hands over blobs larger than one pipe read intact, in order", async () => {
    const repo = gitRepo();
    const big = Array.from({ length: 20_000 }, (_, index) => `line ${index}\n`).join("");
    repo.write({ "a.ts": big, "b.ts": "export const b = 1;\n" });
    repo.git("add", "-A");
    repo.git("commit", "-qm", "init");
    const snapshot = await createGitObjectReader(repo.dir).readSnapshot({ ref: "HEAD" });
    expect(snapshot.readText("a.ts")).toBe(big);
    expect(snapshot.readText("b.ts")).toBe("export const b = 1;\n");
  });

  it("refuses a ref that is not a commit, and a ref that looks like an option, with git's message", async () => {
    const repo = gitRepo();
    repo.write({ "a.ts": "export const a = 1;\n" });
    repo.git("add", "-A");
    repo.git("commit", "-qm", "init");
    await expect(createGitObjectReader(repo.dir).readSnapshot({ ref: "no-such-branch" })).rejects.toThrow(GitError);
    await expect(createGitObjectReader(repo.dir).readSnapshot({ ref: "--output=/tmp/x" })).rejects.toThrow("git rev-parse failed: fatal: Needed a single revision");
  });
});
