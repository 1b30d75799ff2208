// `npx tsx bench/time-action-start.ts [entry] [runs]`: how soon the Action's entry (default: the
// committed bundle, action-dist/main.mjs) logs its first line and finishes a review, started as a
// runner starts it, on a real pull_request event against the test fakes of GitHub and a model on
// loopback. Prints medians and minimums in milliseconds.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startFakeGitHub } from "../test/helpers/fake-github.js";
import { startFakeModel } from "../test/helpers/fake-model.js";
import { loadWebhookExample } from "../test/helpers/webhook-examples.js";

const entry = resolve(process.argv[2] ?? "action-dist/main.mjs");
const runs = Number(process.argv[3] ?? 10);
const payload = loadWebhookExample("pull_request", (p) => p.action === "opened");
const github = await startFakeGitHub();
const model = await startFakeModel({ answer: () => ({ summary: "Adds b.", walkthrough: [], findings: [] }) });
const dir = mkdtempSync(join(tmpdir(), "patchwise-action-start-"));
const eventPath = join(dir, "event.json");
writeFileSync(eventPath, JSON.stringify(payload));
github.addPullRequest(payload.repository.owner.login, payload.repository.name, {
  number: payload.pull_request.number,
  title: "Add b",
  body: "",
  headSha: payload.pull_request.head.sha,
  baseSha: payload.pull_request.base.sha,
  files: [{ filename: "src/a.ts", status: "modified", additions: 1, deletions: 0, patch: "@@ -1 +1,2 @@\n export const a = 1;\n+export const b = a;" }],
  headTree: { "src/a.ts": "export const a = 1;\nexport const b = a;\n" },
});
const env = { PATH: process.env.PATH, GITHUB_EVENT_NAME: "pull_request", GITHUB_EVENT_PATH: eventPath, GITHUB_API_URL: github.apiUrl, "INPUT_GITHUB-TOKEN": "ghs_bench", INPUT_MODEL: "fake-model", "INPUT_API-KEY": "sk-bench", "INPUT_BASE-URL": model.baseUrl };

const firstLog: number[] = [];
const whole: number[] = [];
for (let run = 0; run < runs; run += 1) {
  // Each run reviews afresh: the earlier run's review would make this one a no-op.
  github.reviews.length = 0;
  github.comments.length = 0;
  const started = performance.now();
  let logged = 0;
  await new Promise<void>((done) => {
    const child = spawn(process.execPath, [entry], { cwd: dir, env, stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.once("data", () => (logged = performance.now()));
    child.stdout.resume();
    child.on("close", () => done());
  });
  firstLog.push(logged - started);
  whole.push(performance.now() - started);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const show = (values: number[]) => `median ${median(values).toFixed(0)} ms, min ${Math.min(...values).toFixed(0)} ms`;
process.stdout.write(`${entry}, ${runs} runs: first log line ${show(firstLog)}; whole review ${show(whole)}; ${github.reviews.length} review posted by the last run\n`);
rmSync(dir, { recursive: true, force: true });
await Promise.all([github.close(), model.close()]);
