import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:net";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github.js";
import { startFakeModel, type FakeModel } from "../helpers/fake-model.js";
import { signedWebhookHeaders } from "../helpers/sign-webhook.js";
import { loadWebhookExample } from "../helpers/webhook-examples.js";
import { SLOW_TEST_TIMEOUT_MS, waitFor } from "../helpers/wait-for.js";

// Starts servers or processes: a safety net far above what these tests need (see wait-for.ts).
jest.setTimeout(SLOW_TEST_TIMEOUT_MS);

// The real server (`src/main.ts`, as `npm start` runs it) on a loopback port, against a fake
// GitHub Enterprise host and a fake OpenAI-compatible model, driven by signed webhooks.

const SECRET = "e2e-webhook-secret";
const HEAD_SHA = "1111111111111111111111111111111111111111";
// A pull request whose review the model never answers (the connection stays open).
const HELD_TITLE = "Held by the model";
const HELD_SHA = "3333333333333333333333333333333333333333";
const STOPPED = "the app was stopped before the review finished; a new push or /review will review the pull request";
let modelHoldsReview!: () => void;
const heldByModel = new Promise<void>((resolve) => (modelHoldsReview = resolve));

let github: FakeGitHub;
let model: FakeModel;
let app: ChildProcess;
let appUrl: string;
let appOutput = "";

const opened = loadWebhookExample("pull_request", (p) => p.action === "opened" && Boolean(p.installation)) as any;
const owner: string = opened.repository.owner.login;
const repo: string = opened.repository.name;
const prNumber: number = opened.pull_request.number;

const PATCH = ["@@ -1,3 +1,4 @@", " export function total(items) {", "-  return items.reduce((a, b) => a + b);", "+  const sum = items.reduce((a, b) => a + b.price, 0);", "+  return sum", " }"].join("\n");

beforeAll(async () => {
  github = await startFakeGitHub();
  github.addPullRequest(owner, repo, {
    number: prNumber,
    title: "Fix total",
    body: "Sums prices",
    headSha: HEAD_SHA,
    baseSha: "0".repeat(40),
    files: [
      { filename: "src/total.js", status: "modified", additions: 2, deletions: 1, patch: PATCH },
      { filename: "package-lock.json", status: "modified", additions: 10, deletions: 3, patch: "@@ -1 +1 @@\n-a\n+b" },
    ],
  });
  github.addPullRequest(owner, repo, {
    number: prNumber + 1,
    title: "Second",
    body: "",
    headSha: "2".repeat(40),
    baseSha: "0".repeat(40),
    files: [{ filename: "src/total.js", status: "modified", additions: 2, deletions: 1, patch: PATCH }],
  });
  github.addPullRequest(owner, repo, {
    number: prNumber + 2,
    title: HELD_TITLE,
    body: "",
    headSha: HELD_SHA,
    baseSha: "0".repeat(40),
    files: [{ filename: "src/total.js", status: "modified", additions: 2, deletions: 1, patch: PATCH }],
  });
  model = await startFakeModel({
    hold: (request) => {
      const held = JSON.stringify(request.messages).includes(HELD_TITLE);
      if (held) modelHoldsReview();
      return held;
    },
    answer: () => ({
      summary: "Changes total() to sum prices.",
      walkthrough: [{ path: "src/total.js", change: "sums item prices with an initial value" }],
      findings: [
        { path: "src/total.js", line: 3, startLine: null, side: "RIGHT", severity: "minor", category: "style", title: "Missing semicolon", body: "Add a semicolon for consistency.", suggestion: "  return sum;" },
        { path: "src/other.js", line: 99, startLine: null, side: "RIGHT", severity: "major", category: "bug", title: "Caller not updated", body: "other.js still passes numbers.", suggestion: null },
      ],
    }),
  });
  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  app = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      PATH: process.env.PATH,
      APP_ID: "12345",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "debug",
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
  app.stdout!.on("data", (d) => (appOutput += d));
  app.stderr!.on("data", (d) => (appOutput += d));
  await waitFor(async () => (await fetch(`${appUrl}/healthz`).catch(() => null))?.status === 200, () => appOutput);
});

afterAll(async () => {
  app?.kill("SIGTERM");
  await Promise.all([github?.close(), model?.close()]);
});

async function deliver(event: string, payload: unknown, deliveryId: string) {
  const body = JSON.stringify(payload);
  return fetch(`${appUrl}/api/github/webhooks`, { method: "POST", body, headers: await signedWebhookHeaders(SECRET, event, body, deliveryId) });
}

describe("npm start, end to end", () => {
  it("answers a signed pull_request.opened at once and posts one review and one summary", async () => {
    const payload = structuredClone(opened);
    payload.pull_request.head.sha = HEAD_SHA;
    payload.sender = { ...payload.sender, type: "User", login: "octocat" };
    const response = await deliver("pull_request", payload, "delivery-1");
    expect(response.status).toBe(200);

    await waitFor(() => github.reviews.length === 1 && github.comments.length === 1, () => appOutput);
    const review = github.reviews[0]!;
    expect(review.event).toBe("COMMENT");
    expect(review.commit_id).toBe(HEAD_SHA);
    expect(review.comments).toEqual([
      expect.objectContaining({ path: "src/total.js", line: 3, side: "RIGHT", body: expect.stringContaining("```suggestion\n  return sum;\n```") }),
    ]);
    const summary = github.comments[0]!.body;
    expect(summary).toContain("<!-- patchwise:summary -->");
    expect(summary).toContain("Caller not updated"); // the finding outside the diff lands in the summary
    expect(summary).toContain("package-lock.json"); // skipped file named with its reason
    // The head commit's check run: queued when the webhook was accepted, then the result with the review's link.
    await waitFor(() => github.checkRuns.some((run) => run.status === "completed"), () => appOutput);
    expect(github.checkRuns).toEqual([
      expect.objectContaining({ name: "Patchwise review", head_sha: HEAD_SHA, external_id: "delivery-1", status: "completed", conclusion: "neutral", details_url: review.html_url }),
    ]);
    const modelRequest = model.requests[0]!;
    expect(modelRequest.model).toBe("fake-model");
    expect(modelRequest.response_format).toMatchObject({ type: "json_schema", json_schema: { strict: true } });
  });

  it("posts nothing new for a redelivery or a second trigger of the same commit", async () => {
    const payload = structuredClone(opened);
    payload.pull_request.head.sha = HEAD_SHA;
    payload.sender = { ...payload.sender, type: "User" };
    await deliver("pull_request", payload, "delivery-1");
    await deliver("pull_request", { ...payload, action: "reopened" }, "delivery-2");
    await waitFor(() => appOutput.includes("this commit already has a Patchwise review"), () => appOutput);
    expect(github.reviews).toHaveLength(1);
    expect(github.comments).toHaveLength(1);
    // The reopened event's review started at once, before a queued run was due: it shows no run of
    // its own, and the commit keeps the first review's result.
    await waitFor(() => /"audit":true,"event":\{"schemaVersion":1,"time":"[^"]+","deliveryId":"delivery-2"/.test(appOutput), () => appOutput);
    expect(github.checkRuns).toEqual([expect.objectContaining({ external_id: "delivery-1", status: "completed" })]);
  });

  it("reviews a PR on a /review comment", async () => {
    const comment = loadWebhookExample("issue_comment", (p) => p.action === "created" && Boolean(p.installation)) as any;
    const payload = structuredClone(comment);
    payload.repository = opened.repository;
    payload.issue.number = prNumber + 1;
    payload.issue.pull_request = { url: `${github.apiUrl}/repos/${owner}/${repo}/pulls/${prNumber + 1}` };
    payload.comment.body = "/review";
    payload.comment.user = { ...payload.comment.user, type: "User" };
    payload.sender = { ...payload.sender, type: "User" };
    expect((await deliver("issue_comment", payload, "delivery-3")).status).toBe(200);
    await waitFor(() => github.reviews.length === 2, () => appOutput);
    expect(github.reviews[1]).toMatchObject({ commit_id: "2".repeat(40), event: "COMMENT" });
    // Acknowledged with 👀 once the access check passed.
    expect(github.reactions).toEqual([{ commentId: payload.comment.id, content: "eyes" }]);
  });

  it("rejects a webhook with a wrong signature and reviews nothing", async () => {
    const body = JSON.stringify(opened);
    const headers = await signedWebhookHeaders("not-the-secret", "pull_request", body, "delivery-forged");
    const response = await fetch(`${appUrl}/api/github/webhooks`, { method: "POST", body, headers });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(github.reviews).toHaveLength(2);
  });

  it("serves Prometheus metrics with outcomes and GitHub routes, naming no repository or user", async () => {
    // An outcome is counted when its job ends, just after the summary is written.
    let text = "";
    await waitFor(async () => (text = await (await fetch(`${appUrl}/metrics`)).text()).includes('outcome="posted"} 2'), () => text);

    expect(text).toContain('patchwise_reviews_total{outcome="posted"} 2');
    expect(text).toMatch(/patchwise_github_requests_total\{method="POST",route="\/repos\/\{owner\}\/\{repo\}\/pulls\/\{pull_number\}\/reviews",status="200"\} 2/);
    expect(text).toMatch(/patchwise_model_tokens_total\{provider="openai",model="fake-model",direction="input"\} \d+/);
    // Every finished job is timed: two posted reviews and the skipped repeat.
    expect(text).toContain("patchwise_review_time_outside_model_seconds_count 3");
    // Every delivery's answer is timed by its status: the forged one was refused.
    expect(text).toMatch(/^patchwise_webhook_answer_seconds_count\{status="200"\} [1-9]\d*$/m);
    expect(text).toMatch(/^patchwise_webhook_answer_seconds_count\{status="400"\} 1$/m);
    expect(text).not.toContain(owner);
    expect(text).not.toContain(repo);
  });

  it("answers /readyz once the queue can take jobs", async () => {
    expect((await fetch(`${appUrl}/readyz`)).status).toBe(200);
  });

  it("on SIGTERM mid-review, past the grace period: concludes the stopped review's check run and says so in its summary, then exits 0", async () => {
    const payload = structuredClone(opened);
    payload.number = prNumber + 2;
    payload.pull_request.number = prNumber + 2;
    payload.pull_request.head.sha = HELD_SHA;
    payload.sender = { ...payload.sender, type: "User" };
    expect((await deliver("pull_request", payload, "delivery-held")).status).toBe(200);
    // The review is under way: its request is with the model, which will never answer.
    await heldByModel;

    const exited = new Promise<number | null>((resolve) => app.once("exit", (code) => resolve(code)));
    app.kill("SIGTERM");

    expect(await exited).toBe(0);
    // Before the process exited: nothing is left "in progress" on the pull request.
    expect(github.checkRuns.filter((run) => run.head_sha === HELD_SHA)).toEqual([
      expect.objectContaining({ status: "completed", conclusion: "neutral", output: expect.objectContaining({ summary: expect.stringContaining(STOPPED) }) }),
    ]);
    expect(github.comments.filter((comment) => comment.body.includes(STOPPED))).toHaveLength(1);
    expect(appOutput).toContain("patchwise: stopped (grace period over, unfinished reviews stopped: their check runs and summaries say so)");
  });
});


function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
