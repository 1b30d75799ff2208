import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { dryRunReportSchema, localReportSchema } from "../../src/core/report/local-report-schema.js";
import { startFakeModel, type ChatRequest, type FakeModel } from "../helpers/fake-model.js";
import { makeGitRepo, type GitRepo } from "./make-git-repo.js";

const CLI = join(process.cwd(), "src/cli/main.ts");
const GOLDEN_DIR = join(process.cwd(), "test/fixtures/cli");
const require = createRequire(import.meta.url);
// Absolute, because the CLI runs inside the test repository, where tsx is not installed.
const TSX = pathToFileURL(require.resolve("tsx")).href;
// The SARIF 2.1.0 schema is draft-04, which needs ajv's draft-04 build (a CommonJS package).
const Ajv = (require("ajv-draft-04") as { default: typeof import("ajv-draft-04").default }).default;

let repo: GitRepo;
let model: FakeModel;

// A feature branch touching three languages, with a rename, a deletion and a binary file.
beforeAll(async () => {
  repo = makeGitRepo();
  repo.write({
    "src/math.ts": "export function ratio(a: number, b: number): number {\n  return a / b;\n}\n",
    "tools/report.py": "def total(items):\n    return sum(items)\n",
    "cmd/main.go": "package main\n\nfunc main() {\n}\n",
    "docs/old-name.md": "# Notes\n\nSome notes.\n",
    "legacy.txt": "to be removed\n",
    "assets/logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]),
  });
  repo.git("add", "-A");
  repo.git("commit", "-qm", "base");
  repo.git("checkout", "-qb", "feature");
  repo.write({
    "src/math.ts": "export function ratio(a: number, b: number): number {\n  const result = a / b;\n  return result;\n}\n",
    "tools/report.py": "def total(items):\n    count = 0\n    for item in items:\n        count += item\n    return count\n",
    "cmd/main.go": 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hi")\n}\n',
    "assets/logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 9, 9, 9, 9]),
  });
  repo.git("mv", "docs/old-name.md", "docs/new-name.md");
  repo.git("rm", "-q", "legacy.txt");
  repo.git("add", "-A");
  repo.git("commit", "-qm", "Compute ratio safely");
  model = await startFakeModel({ answer: answerFor });
});

afterAll(async () => {
  repo.remove();
  await model.close();
});

function answerFor(_request: ChatRequest) {
  return {
    summary: "Adds a temporary in ratio, rewrites total as a loop and prints from main.",
    walkthrough: [{ path: "src/math.ts", change: "Stores the quotient first." }],
    findings: [
      { path: "src/math.ts", line: 2, startLine: null, side: "RIGHT", severity: "major", category: "bug", title: "Division by zero", body: "`b` can be 0.", suggestion: "  const result = b === 0 ? 0 : a / b;" },
      { path: "tools/report.py", line: 4, startLine: 3, side: "RIGHT", severity: "minor", category: "maintainability", title: "Loop re-implements sum", body: "Use `sum(items)`.", suggestion: null },
      { path: "cmd/main.go", line: 40, startLine: null, side: "RIGHT", severity: "minor", category: "style", title: "Far away", body: "Not in the diff.", suggestion: null },
    ],
  };
}

// Asynchronous: the fake model answers from this process, so a synchronous spawn would deadlock.
function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", TSX, CLI, ...args],
      { cwd: repo.dir, encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", OPENAI_BASE_URL: model.baseUrl, PATCHWISE_MODEL: "fake-model", ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

// Token counts come from the fake model and move with every prompt wording change.
function normaliseTokens(text: string): string {
  return text.replace(/\d+ input \/ \d+ output tokens/g, "N input / N output tokens").replace(/"(input|output)": \d+/g, '"$1": 0');
}

function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe("patchwise review (CLI)", () => {
  it("prints the findings as markdown grouped by file with path:line locations", async () => {
    const { code, stdout, stderr } = await runCli(["review", "--base", "main"]);

    expect(stderr).toBe("");
    expect(code).toBe(0);
    expectGolden("review.md", normaliseTokens(stdout));
    expect(stdout).toContain("### src/math.ts:2 — 🟠 Major · bug");
    expect(stdout).toContain("### cmd/main.go:40 (outside the diff)");
  });

  it("sends the diff of every reviewable file and nothing of the binary, renamed-only or deleted files' absence", async () => {
    const before = model.requests.length;
    await runCli(["review", "--base", "main", "--quiet"]);
    const user = model.requests[before]?.messages.find((message) => message.role === "user")?.content ?? "";

    expect(user).toContain("File: src/math.ts (modified)");
    expect(user).toContain("File: tools/report.py (modified)");
    expect(user).toContain("File: cmd/main.go (modified)");
    expect(user).toContain("File: legacy.txt (removed)");
    expect(user).not.toContain("File: assets/logo.png");
  });

  it("writes a JSON report that follows the documented schema", async () => {
    const { code, stdout } = await runCli(["review", "--base", "main", "--format", "json"]);

    expect(code).toBe(0);
    const report = localReportSchema.parse(JSON.parse(stdout));
    expect(report.findings.map((f) => [f.path, f.line, f.severity, f.inDiff])).toEqual([
      ["src/math.ts", 2, "major", true],
      ["cmd/main.go", 40, "minor", false],
      ["tools/report.py", 4, "minor", true],
    ]);
    expect(report.skippedFiles).toEqual([
      { path: "assets/logo.png", reason: 'excluded by default pattern "**/*.png"' },
      { path: "docs/new-name.md", reason: "renamed without changes" },
    ]);
    expectGolden("review.json", normaliseTokens(stdout));
  });

  it("writes SARIF 2.1.0 that validates against the SARIF schema", async () => {
    const { code, stdout } = await runCli(["review", "--base", "main", "--format", "sarif"]);
    const sarif = JSON.parse(stdout);
    const schema = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
    const validate = new Ajv({ strict: false, unicodeRegExp: false, validateFormats: false }).compile(schema);

    expect(code).toBe(0);
    expect(validate(sarif)).toBe(true);
    expect(sarif.runs[0].results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level])).toEqual([
      ["patchwise/bug", "error"],
      ["patchwise/style", "warning"],
      ["patchwise/maintainability", "warning"],
    ]);
    expectGolden("review.sarif.json", stdout);
  });

  it("exits 1 when a finding reaches --fail-on, 0 when none does", async () => {
    expect((await runCli(["review", "--base", "main", "--fail-on", "major"])).code).toBe(1);
    expect((await runCli(["review", "--base", "main", "--fail-on", "critical"])).code).toBe(0);
  });

  it("--dry-run prints the exact prompt and calls no model, even without a key", async () => {
    const before = model.requests.length;
    const { code, stdout } = await runCli(["review", "--base", "main", "--dry-run", "--format", "json"], { OPENAI_BASE_URL: "", OPENAI_API_KEY: "" });

    expect(code).toBe(0);
    expect(model.requests.length).toBe(before);
    const report = dryRunReportSchema.parse(JSON.parse(stdout));
    expect(report.requests).toHaveLength(1);
    expect(report.requests[0]!.user).toContain("R2 +   const result = a / b;");
    expect(report.requests[0]!.inputTokens).toBeGreaterThan(100);
    expect(report.totalInputTokens).toBe(report.requests[0]!.inputTokens);
  });

  it("follows the working tree's instruction files where they apply, and says on stderr which it could not use", async () => {
    repo.write({
      ".github/copilot-instructions.md": "Prefer early returns.\n",
      ".github/instructions/ts.instructions.md": '---\napplyTo: "src/**/*.ts"\n---\nNo floating promises.\n',
      ".github/instructions/rust.instructions.md": '---\napplyTo: "**/*.rs"\n---\nNo unwrap.\n',
      ".github/instructions/broken.instructions.md": "No front matter here.\n",
    });
    try {
      const { code, stdout, stderr } = await runCli(["review", "--base", "main", "--dry-run", "--format", "json"], { OPENAI_BASE_URL: "", OPENAI_API_KEY: "" });
      expect(code).toBe(0);
      const [request] = dryRunReportSchema.parse(JSON.parse(stdout)).requests;
      expect(request!.system).toContain("From .github/copilot-instructions.md:\nPrefer early returns.");
      expect(request!.system).toContain("From .github/instructions/ts.instructions.md:\nNo floating promises.");
      expect(request!.system).not.toContain("No unwrap.");
      expect(stderr).toBe("patchwise: instruction file .github/instructions/broken.instructions.md not used: its front matter has no `applyTo` globs\n");

      writeFileSync(join(repo.dir, "off.yml"), "instructionFiles: false\n");
      const off = await runCli(["review", "--base", "main", "--dry-run", "--format", "json", "--config", "off.yml"], { OPENAI_BASE_URL: "", OPENAI_API_KEY: "" });
      expect(off.code).toBe(0);
      expect(dryRunReportSchema.parse(JSON.parse(off.stdout)).requests[0]!.system).not.toContain("From .github/");
      expect(off.stderr).toBe("");
    } finally {
      rmSync(join(repo.dir, ".github"), { recursive: true, force: true });
      rmSync(join(repo.dir, "off.yml"), { force: true });
    }
  });

  it("says on stderr when a request is sent again, and why, even when stderr is not a terminal", async () => {
    let calls = 0;
    const flaky = await startFakeModel({ answer: answerFor, failWith: () => (calls++ === 0 ? 503 : undefined) });
    try {
      const { code, stderr } = await runCli(["review", "--base", "main"], { OPENAI_BASE_URL: flaky.baseUrl });
      expect(code).toBe(0);
      expect(stderr).toContain("patchwise: request 1 of 1: HTTP 503, a server error; sending it again (attempt 2 of 4)\n");
      expect(stderr).not.toContain("overloaded:");
    } finally {
      await flaky.close();
    }
  });

  it("--dry-run shows the estimated cost at the catalog's price, or the operator's", async () => {
    const catalog = dryRunReportSchema.parse(JSON.parse((await runCli(["review", "--base", "main", "--dry-run", "--format", "json"], { OPENAI_BASE_URL: "", OPENAI_API_KEY: "", PATCHWISE_MODEL: "gpt-4.1-mini" })).stdout));
    // gpt-4.1-mini: $0.40 per million input tokens.
    expect(catalog.estimatedCostUsd).toBe(Math.round(catalog.totalInputTokens * 0.4 * 10_000 / 1_000_000) / 10_000);
    expect(catalog.maxCostUsd).toBeGreaterThan(catalog.estimatedCostUsd!);
    const operator = await runCli(["review", "--base", "main", "--dry-run"], { OPENAI_BASE_URL: "", OPENAI_API_KEY: "", PATCHWISE_MODEL_PRICE: "100/400" });
    expect(operator.stdout).toMatch(/input tokens, about \$0\.\d{4} of input \(at most \$\d+\.\d{4} with every answer at its limit\)/);
  });

  it.each([
    ["azure", { PATCHWISE_PROVIDER: "azure", AZURE_OPENAI_ENDPOINT: "https://review.openai.azure.com/", PATCHWISE_MODEL: "review-gpt41" }, "review.openai.azure.com", "Microsoft Entra ID token"],
    ["bedrock", { PATCHWISE_PROVIDER: "bedrock", AWS_REGION: "eu-central-1", AWS_ACCESS_KEY_ID: "AKIDSECRETVALUE", AWS_SECRET_ACCESS_KEY: "s3cr3t-value", AWS_SESSION_TOKEN: "t0ken-value", PATCHWISE_MODEL: "eu.anthropic.claude-sonnet-4-6" }, "bedrock-runtime.eu-central-1.amazonaws.com", "SigV4 with temporary keys from AWS_ACCESS_KEY_ID"],
    ["gemini", { PATCHWISE_PROVIDER: "gemini", GEMINI_API_KEY: "AIzaSECRETVALUE", PATCHWISE_MODEL: "gemini-2.5-pro" }, "generativelanguage.googleapis.com", "API key (GEMINI_API_KEY or GOOGLE_API_KEY)"],
    ["vertex", { PATCHWISE_PROVIDER: "vertex", GOOGLE_CLOUD_PROJECT: "review-project", GOOGLE_CLOUD_LOCATION: "europe-west4", PATCHWISE_MODEL: "gemini-2.5-pro" }, "europe-west4-aiplatform.googleapis.com", "Google application default credentials"],
  ])("--dry-run with %s names the provider, its endpoint host, the model and the kind of credentials, and sends nothing", async (provider, env, host, credentials) => {
    const { code, stdout } = await runCli(["review", "--base", "main", "--dry-run"], { OPENAI_BASE_URL: "", ...env });

    expect(code).toBe(0);
    expect(stdout).toContain(`request(s) to ${env.PATCHWISE_MODEL} via ${provider}:`);
    expect(stdout).toContain(`Endpoint: ${host}, signed with: ${credentials}`);
    for (const secret of ["SECRETVALUE", "s3cr3t-value", "t0ken-value"]) expect(stdout).not.toContain(secret);
  });

  it("reviews staged changes with --staged", async () => {
    repo.write({ "src/math.ts": "export function ratio(a: number, b: number): number {\n  return b === 0 ? 0 : a / b;\n}\n" });
    repo.git("add", "src/math.ts");
    const { code, stdout } = await runCli(["review", "--staged", "--dry-run"]);
    repo.git("reset", "-q", "--hard");

    expect(code).toBe(0);
    expect(stdout).toContain("# Patchwise dry run of --staged");
    expect(stdout).toContain("R2 +   return b === 0 ? 0 : a / b;");
    expect(stdout).not.toContain("tools/report.py");
  });

  it("--dry-run shows the request with secrets already redacted, and counts them", async () => {
    const token = ["ghp", "_", "Zq8uT2mVx4Lp9Rk3Wn6Hy1Bc5Df7Gj0Ks2Qa"].join("");
    repo.write({ "src/config.ts": `export const githubToken = "${token}";\n` });
    repo.git("add", "src/config.ts");
    const { code, stdout } = await runCli(["review", "--staged", "--dry-run", "--format", "json"]);
    repo.git("reset", "-q", "--hard");

    expect(code).toBe(0);
    expect(stdout).not.toContain(token);
    const report = dryRunReportSchema.parse(JSON.parse(stdout));
    expect(report.requests[0]!.user).toContain('export const githubToken = "[REDACTED:github-token]";');
    expect(report.redactions).toEqual({ count: 1, types: { "github-token": 1 } });
  });

  it.each([
    [["review", "--format", "xml"], /--format must be markdown, json or sarif/],
    [["review", "--base", "no-such-ref"], /git diff failed/],
    [["review", "--staged", "--base", "main"], /cannot be combined/],
    [["review", "--config", "missing.yml", "--base", "main"], /cannot read the config file/],
  ])("exits 2 with a clear message for %j", async (args, message) => {
    const { code, stderr } = await runCli(args);

    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it("stops with exit 2 on an invalid config file and names the bad key", async () => {
    writeFileSync(join(repo.dir, "bad.yml"), "maxComments: lots\n");
    const { code, stderr } = await runCli(["review", "--base", "main", "--config", "bad.yml"]);

    expect(code).toBe(2);
    expect(stderr).toContain("maxComments");
  });

  it("documents every flag in --help", async () => {
    const { code, stdout } = await runCli(["--help"]);

    expect(code).toBe(0);
    for (const flag of ["--base", "--head", "--staged", "--format", "--fail-on", "--dry-run", "--quiet", "--config", "--version", "OPENAI_API_KEY"]) expect(stdout).toContain(flag);
  });

  it("prints its version with --version", async () => {
    const { code, stdout } = await runCli(["--version"]);

    expect(code).toBe(0);
    expect(stdout).toBe(`${(JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version}\n`);
  });

  it("refuses --dry-run with --format sarif instead of printing something else", async () => {
    const { code, stdout, stderr } = await runCli(["review", "--base", "main", "--dry-run", "--format", "sarif"]);

    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("--dry-run prints the requests, which SARIF cannot hold");
  });
});
