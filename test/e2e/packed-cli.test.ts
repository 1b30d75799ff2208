import { afterAll, beforeAll, expect, it, jest } from "@jest/globals";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { makeGitRepo, type GitRepo } from "../cli/make-git-repo.js";
import { SLOW_TEST_TIMEOUT_MS } from "../helpers/wait-for.js";

// The CLI as a user gets it: `npm pack`, the tarball installed in a fresh folder, `patchwise` on
// the PATH. Offline: the tarball is unpacked where npm would put it and its dependencies are this
// checkout's node_modules, so no registry is asked (the contents, the bin entry and its shebang
// are what this checks; which packages are dependencies is `npm ci --omit=dev` in the image).
jest.setTimeout(SLOW_TEST_TIMEOUT_MS);

const checkout = process.cwd();
const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
let folder: string;
let repo: GitRepo;
let bin: string;

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build-if-stale.mjs"], { stdio: "inherit" });
  folder = mkdtempSync(join(tmpdir(), "patchwise-install-"));
  const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", folder], { encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } }).trim().split("\n").pop()!;
  const installed = join(folder, "node_modules", "patchwise");
  mkdirSync(installed, { recursive: true });
  execFileSync("tar", ["-xzf", join(folder, tarball), "-C", installed, "--strip-components=1"]);
  symlinkSync(resolve(checkout, "node_modules"), join(installed, "node_modules"));
  // What npm does with package.json's `bin`: link it into .bin and make it executable.
  const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as { bin: Record<string, string> };
  chmodSync(join(installed, manifest.bin.patchwise!), 0o755);
  mkdirSync(join(folder, "node_modules", ".bin"));
  symlinkSync(join("..", "patchwise", manifest.bin.patchwise!), join(folder, "node_modules", ".bin", "patchwise"));
  bin = join(folder, "node_modules", ".bin");

  repo = makeGitRepo();
  repo.write({ "src/a.ts": "export const a = 1;\n" });
  repo.git("add", "-A");
  repo.git("commit", "-qm", "base");
  repo.write({ "src/a.ts": "export const a = 2;\n" });
  repo.git("add", "-A");
});

afterAll(() => {
  repo?.remove();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const patchwise = (args: string[], cwd: string) =>
  spawnSync("patchwise", args, { cwd, encoding: "utf8", env: { PATH: `${bin}:${process.env.PATH}`, HOME: process.env.HOME, OPENAI_API_KEY: "" } });

it("installs from the packed tarball and prints its version", () => {
  const run = patchwise(["--version"], folder);
  expect(run.error).toBeUndefined();
  expect(run.stderr).toBe("");
  expect(run.stdout).toBe(`${version}\n`);
  expect(run.status).toBe(0);
});

it("dry-runs a review of another repository from the installed package", () => {
  const run = patchwise(["review", "--staged", "--dry-run", "--format", "json", "--quiet"], repo.dir);
  expect(run.status).toBe(0);
  const report = JSON.parse(run.stdout) as { requests: Array<{ user: string }> };
  expect(JSON.stringify(report)).toContain("export const a = 2;");
});
