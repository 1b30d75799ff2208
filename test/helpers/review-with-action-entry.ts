import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeGitHub, type FakeGitHub } from "./fake-github.js";
import { startFakeModel } from "./fake-model.js";
import { loadWebhookExample } from "./webhook-examples.js";

export interface ActionEntryRun {
  code: number;
  stdout: string;
  stderr: string;
  reviews: FakeGitHub["reviews"];
  comments: FakeGitHub["comments"];
}

const PATCH = ["@@ -1,3 +1,4 @@", " export function total(items) {", "-  return items.reduce((a, b) => a + b);", "+  const sum = items.reduce((a, b) => a + b.price, 0);", "+  return sum", " }"].join("\n");

/**
 * Runs an Action entry (`node action-dist/main.mjs`, as the runner starts it) on a real
 * `pull_request.opened` event against a fake GitHub and a fake model on loopback, with only the
 * variables a runner sets; returns its exit code, output, and the reviews and comments posted.
 */
export async function reviewWithActionEntry(command: string, args: string[]): Promise<ActionEntryRun> {
  const payload = loadWebhookExample("pull_request", (p) => p.action === "opened") as any;
  const owner: string = payload.repository.owner.login;
  const repo: string = payload.repository.name;
  const github = await startFakeGitHub();
  github.addPullRequest(owner, repo, {
    number: payload.pull_request.number,
    title: "Fix total",
    body: "Sums prices",
    headSha: payload.pull_request.head.sha,
    baseSha: payload.pull_request.base.sha,
    files: [{ filename: "src/total.js", status: "modified", additions: 2, deletions: 1, patch: PATCH }],
    headTree: { "src/total.js": "export function total(items) {\n  const sum = items.reduce((a, b) => a + b.price, 0);\n  return sum\n}\n" },
  });
  const model = await startFakeModel({
    answer: () => ({
      summary: "Sums prices.",
      walkthrough: [{ path: "src/total.js", change: "sums item prices" }],
      findings: [{ path: "src/total.js", line: 3, startLine: null, side: "RIGHT", severity: "minor", category: "style", title: "Missing semicolon", body: "Add a semicolon.", suggestion: "  return sum;" }],
    }),
  });
  const dir = mkdtempSync(join(tmpdir(), "patchwise-action-entry-"));
  try {
    const eventPath = join(dir, "event.json");
    writeFileSync(eventPath, JSON.stringify(payload));
    const env = {
      PATH: process.env.PATH ?? "",
      GITHUB_EVENT_NAME: "pull_request",
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_API_URL: github.apiUrl,
      GITHUB_SERVER_URL: github.url,
      GITHUB_RUN_ID: "1",
      "INPUT_GITHUB-TOKEN": "ghs_workflowtoken",
      INPUT_PROVIDER: "openai",
      INPUT_MODEL: "fake-model",
      "INPUT_API-KEY": "sk-test",
      "INPUT_BASE-URL": model.baseUrl,
      "INPUT_CONFIG-PATH": ".github/patchwise.yml",
    };
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(command, args, { cwd: dir, env, encoding: "utf8" }, (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out, stderr: err }));
    });
    return { code, stdout, stderr, reviews: github.reviews, comments: github.comments };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await Promise.all([github.close(), model.close()]);
  }
}
