import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { localReportSchema, type LocalReport } from "../../src/core/report/local-report-schema.js";
import { startFakeModel, type ChatRequest, type FakeModel } from "../helpers/fake-model.js";
import { makeGitRepo, type GitRepo } from "./make-git-repo.js";
import { SLOW_TEST_TIMEOUT_MS } from "../helpers/wait-for.js";

// Starts servers or processes: a safety net far above what these tests need (see wait-for.ts).
jest.setTimeout(SLOW_TEST_TIMEOUT_MS);

// `patchwise review` puts suggestions through the five checks too, the parse check on the
// working tree's files with tree-sitter: a suggestion that would not parse is no replacement.

const CLI = join(process.cwd(), "src/cli/main.ts");
const require = createRequire(import.meta.url);
const TSX = pathToFileURL(require.resolve("tsx")).href;

let repo: GitRepo;
let model: FakeModel;

const finding = (path: string, line: number, title: string, suggestion: string) => ({ path, line, startLine: null, side: "RIGHT", severity: "major", category: "bug", title, body: "Fix it.", suggestion, confidence: 0.9 });

beforeAll(async () => {
  repo = makeGitRepo();
  repo.write({ "README.md": "# Shop\n" });
  repo.git("add", "-A");
  repo.git("commit", "-qm", "base");
  repo.git("checkout", "-qb", "feature");
  repo.write({
    "src/total.ts": "export function total(items: Item[]): number {\n  let sum = 0;\n  for (const item of items) sum += item.price;\n  return sum;\n}\n",
    "app/total.py": "def total(items):\n    result = 0\n    for item in items:\n        result += item.price\n    return result\n",
    "pkg/total.go": "package pkg\n\nfunc Total(items []Item) int {\n\tsum := 0\n\tfor _, item := range items {\n\t\tsum += item.Price\n\t}\n\treturn sum\n}\n",
  });
  repo.git("add", "-A");
  repo.git("commit", "-qm", "Totals");
  model = await startFakeModel({
    answer: (_request: ChatRequest) => ({
      summary: "Adds totals in three languages.",
      walkthrough: [],
      findings: [
        finding("src/total.ts", 3, "TS parses", "  for (const item of items) sum += item.price * item.qty;"),
        finding("src/total.ts", 4, "TS does not parse", "  return sum sum;"),
        finding("app/total.py", 4, "Python parses", "        result += item.price * item.qty"),
        finding("app/total.py", 3, "Python does not parse", "    for item in items"),
        finding("pkg/total.go", 6, "Go parses", "\t\tsum += item.Price * item.Qty"),
        finding("pkg/total.go", 4, "Go does not parse", "\tvar sum += 0"),
      ],
    }),
  });
});

afterAll(async () => {
  repo.remove();
  await model.close();
});

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", TSX, CLI, ...args],
      { cwd: repo.dir, encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", OPENAI_BASE_URL: model.baseUrl, PATCHWISE_MODEL: "fake-model" } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("patchwise review: suggestions and the parse check", () => {
  let report: LocalReport;
  beforeAll(async () => {
    const { code, stdout, stderr } = await runCli(["review", "--base", "main", "--format", "json", "--quiet"]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    report = localReportSchema.parse(JSON.parse(stdout));
  });

  const byTitle = (title: string) => report.findings.find((entry) => entry.title === title)!;

  it.each([
    ["TS parses", "  for (const item of items) sum += item.price * item.qty;"],
    ["Python parses", "        result += item.price * item.qty"],
    ["Go parses", "\t\tsum += item.Price * item.Qty"],
  ])("%s: offered as the replacement", (title, suggestion) => {
    expect(byTitle(title)).toMatchObject({ suggestion, body: "Fix it." });
  });

  it.each([
    ["TS does not parse", "  return sum sum;", "ts"],
    ["Python does not parse", "    for item in items", "python"],
    ["Go does not parse", "\tvar sum += 0", "go"],
  ])("%s: no replacement; the code is shown in the text with the reason", (title, code, fence) => {
    const entry = byTitle(title);
    expect(entry.suggestion).toBeNull();
    const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const note = "_Suggested change, not offered as a replacement because the file would not parse with it (N new syntax errors):_";
    const expected = `Fix it.\n\n${literal(note).replace("N new syntax errors", "\\d+ new syntax errors?")}\n\n\`\`\`${fence}\n${literal(code)}\n\`\`\``;
    expect(entry.body).toMatch(new RegExp(`^${expected}$`));
  });
});
