import { afterEach, describe, expect, it } from "@jest/globals";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createWorkingTreeReader } from "../../src/repo/read-working-tree.js";
import { DEFAULT_SNAPSHOT_LIMITS } from "../../src/repo/snapshot-limits.js";
import { makeGitRepo, type GitRepo } from "../cli/make-git-repo.js";

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function gitRepo(): GitRepo {
  const repo = makeGitRepo();
  cleanups.push(repo.remove);
  return repo;
}

function plainDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "patchwise-plain-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe("createWorkingTreeReader", () => {
  it("reads tracked and untracked files, honours .gitignore, and skips binaries, big files, excluded dirs, symlinks and deleted files", async () => {
    const outside = plainDir({ "credentials.txt": "TOKEN=abc\n" });
    const repo = gitRepo();
    repo.write({
      ".gitignore": "*.env\n",
      "src/cart.ts": "export const cart = 1;\n",
      "src/gone.ts": "export const gone = 1;\n",
      "local.env": "SECRET=1\n",
      "node_modules/pkg/index.js": "module.exports = 1;\n",
      "logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
      "data/big.txt": "x".repeat(DEFAULT_SNAPSHOT_LIMITS.maxFileBytes + 1),
    });
    symlinkSync(join(outside, "credentials.txt"), join(repo.dir, "creds.txt"));
    repo.git("add", ".");
    repo.git("commit", "-qm", "init");
    unlinkSync(join(repo.dir, "src/gone.ts"));
    repo.write({ "src/new.ts": "export const fresh = 2;\n" });

    const snapshot = await createWorkingTreeReader(repo.dir).readSnapshot({ ref: "HEAD" });
    expect(snapshot.listPaths()).toEqual([".gitignore", "src/cart.ts", "src/new.ts"]);
    expect(snapshot.readText("src/new.ts")).toBe("export const fresh = 2;\n");
    expect(snapshot.readText("creds.txt")).toBeUndefined();
    expect(snapshot.readText("local.env")).toBeUndefined();
    expect(snapshot.stats).toEqual({
      source: "working-tree",
      files: 3,
      bytes: Buffer.byteLength("*.env\nexport const cart = 1;\nexport const fresh = 2;\n"),
      skippedBinary: 1,
      skippedTooLarge: 1,
      skippedExcluded: 2,
      skippedUnneeded: 0,
      truncated: false,
    });
  });

  it("reads the best-ranked files first when the total cap cannot hold them all", async () => {
    const repo = gitRepo();
    repo.write({ "a.ts": "a".repeat(30), "b.ts": "b".repeat(30), "c.ts": "c".repeat(30) });
    const limits = { ...DEFAULT_SNAPSHOT_LIMITS, maxTotalBytes: 65 };
    const rank = (path: string) => ({ "c.ts": 0, "b.ts": 1, "a.ts": 2 })[path];
    const snapshot = await createWorkingTreeReader(repo.dir, limits).readSnapshot({ ref: "HEAD", rank });
    expect(snapshot.listPaths()).toEqual(["b.ts", "c.ts"]);
    expect(snapshot.stats?.truncated).toBe(true);
  });

  it("never reads the files its rank leaves out (related code would not use them)", async () => {
    const repo = gitRepo();
    repo.write({ "src/a.ts": "export const a = 1;\n", "docs/guide.md": "# Guide\n", "data/big.json": "{}\n" });
    const snapshot = await createWorkingTreeReader(repo.dir).readSnapshot({ ref: "HEAD", rank: (path) => (path.endsWith(".ts") ? 0 : undefined) });
    expect(snapshot.listPaths()).toEqual(["src/a.ts"]);
    expect(snapshot.stats).toMatchObject({ files: 1, skippedUnneeded: 2, truncated: false });
  });

  it("reads every file of a directory that is not a git repository, pruning excluded directories", async () => {
    const dir = plainDir({ "main.py": "print(1)\n", "pkg/util.py": "X = 1\n", ".venv/lib/site.py": "import os\n", "dist/out.js": "1\n" });
    const snapshot = await createWorkingTreeReader(dir).readSnapshot({ ref: "HEAD" });
    expect(snapshot.listPaths()).toEqual(["main.py", "pkg/util.py"]);
    expect(snapshot.readText("pkg/util.py")).toBe("X = 1\n");
  });
});
