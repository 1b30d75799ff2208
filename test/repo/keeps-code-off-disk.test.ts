import { describe, expect, it } from "@jest/globals";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { makeGitRepo } from "../cli/make-git-repo.js";

// tsx's loader, not its CLI: the CLI opens an IPC pipe under the temp directory.
const TSX_LOADER = pathToFileURL(join(process.cwd(), "node_modules/tsx/dist/esm/index.mjs")).href;
const CHILD = join(process.cwd(), "test/repo/read-snapshot-in-child.ts");

/**
 * Runs a read in a child process whose temp directory (TMPDIR) and working directory are fresh
 * and empty, and returns its output and every file that appeared in either of them.
 * (A child, because Jest's `process.env` is a copy that `os.tmpdir()` never sees; tsx's own cache is off.)
 */
async function readInChild(...args: string[]): Promise<{ paths: string[]; source: string | null; written: string[] }> {
  const temp = mkdtempSync(join(tmpdir(), "patchwise-child-tmp-"));
  const cwd = mkdtempSync(join(tmpdir(), "patchwise-child-cwd-"));
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", TSX_LOADER, CHILD, ...args], { cwd, env: { ...process.env, TMPDIR: temp, TMP: temp, TEMP: temp, TSX_DISABLE_CACHE: "1" } });
    const written = [...readdirSync(temp).map((name) => `tmp/${name}`), ...readdirSync(cwd).map((name) => `cwd/${name}`)];
    return { ...(JSON.parse(stdout) as { paths: string[]; source: string | null }), written };
  } finally {
    rmSync(temp, { recursive: true, force: true });
    rmSync(cwd, { recursive: true, force: true });
  }
}

describe("repository readers keep code off the disk", () => {
  it("notices a reader that writes (so the checks below can fail)", async () => {
    expect((await readInChild("leak")).written.sort()).toEqual(["cwd/spill.ts", "tmp/spill.ts"]);
  });

  it.each([
    ["the GitHub tarball", "tarball", ["src/cart.ts", "src/util.ts"]],
    ["the git-trees fallback", "fallback", ["src/cart.ts"]],
  ])("%s writes nothing to the temp or working directory", async (_name, scenario, paths) => {
    const result = await readInChild(scenario);
    expect(result).toEqual({ paths, source: scenario === "tarball" ? "tarball" : "git-tree", written: [] });
  });

  it.each([["working-tree"], ["git-objects"]])("the %s reader writes nothing either", async (scenario) => {
    const repo = makeGitRepo();
    try {
      repo.write({ "a.ts": "export const a = 1;\n" });
      repo.git("add", "-A");
      repo.git("commit", "-qm", "init");
      expect(await readInChild(scenario, repo.dir)).toEqual({ paths: ["a.ts"], source: scenario, written: [] });
    } finally {
      repo.remove();
    }
  });
});
