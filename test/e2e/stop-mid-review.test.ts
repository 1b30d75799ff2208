import { afterAll, beforeAll, expect, it } from "@jest/globals";
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github.js";
import { startFakeModel, type FakeModel } from "../helpers/fake-model.js";
import { freePort } from "../helpers/free-port.js";
import { signedWebhookHeaders } from "../helpers/sign-webhook.js";
import { loadWebhookExample } from "../helpers/webhook-examples.js";

// `npm start` (src/main.ts) stopped with SIGTERM while a review waits on a model that never
// answers: once the grace period is over, the review is stopped, and before the process exits its
// check run is concluded and its summary comment says the app was stopped. Nothing stays "in
// progress" on the pull request.

const SECRET = "stop-webhook-secret";
const HEAD_SHA = "3333333333333333333333333333333333333333";
const opened = loadWebhookExample("pull_request", (p) => p.action === "opened" && Boolean(p.installation)) as any;

let github: FakeGitHub;
let model: FakeModel;
let app: ChildProcess;
let output = "";

beforeAll(async () => {
  github = await startFakeGitHub();
  github.addPullRequest(opened.repository.owner.login, opened.repository.name, {
    number: opened.pull_request.number,
    title: "Fix total",
    body: "",
    headSha: HEAD_SHA,
    baseSha: "0".repeat(40),
    files: [{ filename: "src/total.js", status: "modified", additions: 1, deletions: 1, patch: "@@ -1,2 +1,2 @@\n export function total(items) {\n-  return items.reduce((a, b) => a + b);\n+  return items.reduce((a, b) => a + b, 0);" }],
  });
  model = await startFakeModel({ answer: () => ({ summary: "", walkthrough: [], findings: [] }), hold: () => true });
}, 30_000);

afterAll(async () => {
  app?.kill("SIGKILL");
  await Promise.all([github?.close(), model?.close()]);
});

it("SIGTERM mid-review, past the grace period: the check run is concluded and the summary says the app was stopped, then the process exits 0", async () => {
  const port = await freePort();
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  app = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      PATH: process.env.PATH,
      APP_ID: "12345",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      HOST: "127.0.0.1",
      PORT: String(port),
      GHE_HOST: github.url.replace("http://", ""),
      GHE_PROTOCOL: "http",
      PATCHWISE_PROVIDER: "openai",
      PATCHWISE_MODEL: "fake-model",
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: model.baseUrl,
      PATCHWISE_SHUTDOWN_GRACE_MS: "100",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  app.stdout!.on("data", (d) => (output += d));
  app.stderr!.on("data", (d) => (output += d));
  const appUrl = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${appUrl}/healthz`).catch(() => null))?.status === 200, 20_000);

  const payload = structuredClone(opened);
  payload.pull_request.head.sha = HEAD_SHA;
  const body = JSON.stringify(payload);
  expect((await fetch(`${appUrl}/api/github/webhooks`, { method: "POST", body, headers: await signedWebhookHeaders(SECRET, "pull_request", body, "delivery-stop") })).status).toBe(200);
  // The review is under way: its request is with the model, which will never answer.
  await waitFor(() => model.requests.length === 1, 10_000);

  const exited = new Promise<number | null>((resolve) => app.once("exit", (code) => resolve(code)));
  app.kill("SIGTERM");

  expect(await exited).toBe(0);
  expect(github.checkRuns).toEqual([
    expect.objectContaining({
      head_sha: HEAD_SHA,
      status: "completed",
      conclusion: "neutral",
      output: expect.objectContaining({ summary: expect.stringContaining("the app was stopped before the review finished; a new push or /review will review the pull request") }),
    }),
  ]);
  expect(github.comments).toEqual([expect.objectContaining({ body: expect.stringContaining("the app was stopped before the review finished; a new push or /review will review the pull request") })]);
  expect(output).toContain("patchwise: stopped (grace period over, unfinished reviews stopped: their check runs and summaries say so)");
}, 40_000);

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms; app output:\n${output.slice(-4000)}`);
}
