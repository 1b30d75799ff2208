import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { FakeCloudModel } from "../helpers/fake-cloud-models.js";
import { CLOUD_PROVIDERS, setUpCloudProvider } from "../helpers/set-up-cloud-provider.js";
import { SLOW_TEST_TIMEOUT_MS } from "../helpers/wait-for.js";
import { makeGitRepo, type GitRepo } from "./make-git-repo.js";

// `patchwise review` on a local branch through each cloud provider's own API and authentication,
// with only the operator's environment for that provider (as the README's blocks set it), against a
// loopback server speaking its wire protocol.

// Starts the CLI as a process once per provider: a safety net far above what it needs (see wait-for.ts).
jest.setTimeout(SLOW_TEST_TIMEOUT_MS);

const CLI = join(process.cwd(), "src/cli/main.ts");
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const ANSWER = {
  summary: "Stores the quotient first.",
  walkthrough: [{ path: "src/math.ts", change: "Stores the quotient first." }],
  findings: [{ path: "src/math.ts", line: 2, startLine: null, side: "RIGHT", severity: "major", category: "bug", title: "Division by zero", body: "`b` can be 0.", suggestion: null }],
};

let repo: GitRepo;
const servers: FakeCloudModel[] = [];
beforeAll(() => {
  repo = makeGitRepo();
  repo.write({ "src/math.ts": "export function ratio(a: number, b: number): number {\n  return a / b;\n}\n" });
  repo.git("add", "-A");
  repo.git("commit", "-qm", "base");
  repo.git("checkout", "-qb", "feature");
  repo.write({ "src/math.ts": "export function ratio(a: number, b: number): number {\n  const result = a / b;\n  return result;\n}\n" });
  repo.git("commit", "-qam", "Compute ratio");
});
afterAll(() => repo.remove());
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", TSX, CLI, ...args], { cwd: repo.dir, encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("patchwise review (CLI) through each cloud provider", () => {
  it.each(CLOUD_PROVIDERS)("%s: the branch's diff goes to the provider's own API once and its finding is printed", async (provider) => {
    const setup = await setUpCloudProvider(provider, () => ({ answer: ANSWER }), { dir: repo.dir, servers });

    // On Node 20 the AWS SDK warns once that its releases after January 2027 need Node 22 (see the
    // README); that notice is the operator's to see, not this test's subject.
    const { code, stdout, stderr } = await runCli(["review", "--base", "main"], { ...setup.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" });

    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(setup.model.requests).toHaveLength(1);
    expect(setup.userText(setup.model.requests[0]!)).toContain("src/math.ts");
    expect(stdout).toContain("### src/math.ts:2 — 🟠 Major · bug");
    expect(stdout).toContain(` via ${provider}`);
  });
});
