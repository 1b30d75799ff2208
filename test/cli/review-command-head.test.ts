import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { dryRunReportSchema } from "../../src/core/report/local-report-schema.js";
import { SLOW_TEST_TIMEOUT_MS } from "../helpers/wait-for.js";
import { makeGitRepo, type GitRepo } from "./make-git-repo.js";

jest.setTimeout(SLOW_TEST_TIMEOUT_MS);

const CLI = join(process.cwd(), "src/cli/main.ts");
// Absolute, because the CLI runs inside the test repository, where tsx is not installed.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

let repo: GitRepo;
let first: string;
let second: string;

// Two commits where the callee changes; the checkout stays at the first.
beforeAll(() => {
  repo = makeGitRepo();
  repo.write({
    "src/tax.ts": "export function rate(amount: number): number {\n  return amount * 0.1;\n}\n",
    "src/cart.ts": 'import { rate } from "./tax.js";\n\nexport function total(amount: number): number {\n  return amount;\n}\n',
  });
  repo.git("add", "-A");
  repo.git("commit", "-qm", "first");
  first = repo.git("rev-parse", "HEAD").trim();
  repo.write({
    "src/tax.ts": "export function rate(amount: number): number {\n  return amount * 0.25; // from the second commit\n}\n",
    "src/cart.ts": 'import { rate } from "./tax.js";\n\nexport function total(amount: number): number {\n  return amount + rate(amount);\n}\n',
  });
  repo.git("commit", "-qam", "Add the tax");
  second = repo.git("rev-parse", "HEAD").trim();
  repo.git("checkout", "-q", first);
});

afterAll(() => repo.remove());

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", TSX, CLI, ...args],
      { cwd: repo.dir, encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PATCHWISE_MODEL: "gpt-4.1-mini" } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("patchwise review --head", () => {
  it("sends the related code of the --head commit, not of the checkout", async () => {
    const { code, stdout, stderr } = await runCli(["review", "--base", first, "--head", second, "--dry-run", "--format", "json"]);

    expect(stderr).not.toContain("related code unavailable");
    expect(code).toBe(0);
    const report = dryRunReportSchema.parse(JSON.parse(stdout));
    expect(report.relatedCode).toEqual([{ path: "src/tax.ts", startLine: 1, endLine: 3, reason: "definition of function `rate` called in src/cart.ts:4" }]);
    const user = report.requests[0]!.user;
    const related = user.slice(user.indexOf("<untrusted-related-code>"));
    expect(related).toContain("2 |   return amount * 0.25; // from the second commit\n");
    expect(related).not.toContain("0.1");
  });
});
