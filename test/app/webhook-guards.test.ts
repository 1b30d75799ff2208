import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { startServer, type RunningServer } from "../../src/app/start-server.js";
import { GITHUB_MAX_WEBHOOK_BYTES } from "../../src/app/read-limited-body.js";
import { readEnv } from "../../src/env.js";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github.js";
import { freePort } from "../helpers/free-port.js";
import { startFakeModel, type FakeModel } from "../helpers/fake-model.js";
import { signedWebhookHeaders } from "../helpers/sign-webhook.js";
import { loadWebhookExample } from "../helpers/webhook-examples.js";
import { rawPost } from "./raw-http-post.js";
import { SLOW_TEST_TIMEOUT_MS } from "../helpers/wait-for.js";

// Starts servers or processes: a safety net far above what these tests need (see wait-for.ts).
jest.setTimeout(SLOW_TEST_TIMEOUT_MS);

// The real server (startServer, as `npm start` runs it) on a loopback port, against a fake
// GitHub and a fake model: what reaches the webhook handlers, and what never does.

const SECRET = "guards-webhook-secret";
const MB = 1024 * 1024;
const opened = loadWebhookExample("pull_request", (p) => p.action === "opened" && Boolean(p.installation)) as any;
const owner: string = opened.repository.owner.login;
const repo: string = opened.repository.name;
const PATCH = "@@ -1,2 +1,2 @@\n export const a = 1;\n-export const b = 2;\n+export const b = 3;";

let github: FakeGitHub;
let model: FakeModel;
let running: RunningServer;

beforeAll(async () => {
  github = await startFakeGitHub();
  model = await startFakeModel({ answer: () => ({ summary: "Changes b.", walkthrough: [{ path: "src/a.ts", change: "b is 3" }], findings: [] }) });
  for (const [number, sha] of [[opened.pull_request.number, "1".repeat(40)], [opened.pull_request.number + 1, "2".repeat(40)]] as const) {
    github.addPullRequest(owner, repo, { number, title: "Change b", body: "", headSha: sha, baseSha: "0".repeat(40), files: [{ filename: "src/a.ts", status: "modified", additions: 1, deletions: 1, patch: PATCH }] });
  }
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const rawEnv = {
    APP_ID: "12345",
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET: SECRET,
    HOST: "127.0.0.1",
    PORT: String(await freePort()),
    LOG_LEVEL: "silent",
    GHE_HOST: github.url.replace("http://", ""),
    GHE_PROTOCOL: "http",
    PATCHWISE_MODEL: "fake-model",
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: model.baseUrl,
  };
  running = await startServer(rawEnv, { ...readEnv(rawEnv), webhookSecret: SECRET });
});

afterAll(async () => {
  await running?.close();
  await Promise.all([github?.close(), model?.close()]);
});

/** A `pull_request.opened` of the given PR, its JSON padded to about `size` bytes. */
function openedPayload(pullNumber: number, headSha: string, size = 0): string {
  const payload = structuredClone(opened);
  payload.pull_request.number = pullNumber;
  payload.pull_request.head.sha = headSha;
  payload.sender = { ...payload.sender, type: "User", login: "octocat" };
  payload.pull_request.body = "x".repeat(Math.max(0, size - JSON.stringify(payload).length));
  return JSON.stringify(payload);
}

/** Posts to the webhook path; resolves with the status as soon as the answer starts. */
async function post(body: string, headers: Record<string, string>, chunked = false): Promise<number> {
  const answer = await rawPost({ port: running.port, path: "/api/github/webhooks", headers, body, chunked });
  answer.socket.end();
  return answer.status;
}

async function deliver(body: string, deliveryId: string, chunked = false): Promise<number> {
  return post(body, await signedWebhookHeaders(SECRET, "pull_request", body, deliveryId), chunked);
}

/** The pull requests the app has read from GitHub so far: a review started for each. */
function pullRequestsRead(): number[] {
  const prefix = `/repos/${owner}/${repo}/pulls/`;
  const read = github.calls.filter((call) => call.method === "GET" && call.path.startsWith(prefix) && /^\d+$/.test(call.path.slice(prefix.length)));
  return [...new Set(read.map((call) => Number(call.path.slice(prefix.length))))];
}

async function settled(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 200));
  await running.app.whenIdle();
}

describe("webhook body limit", () => {
  it("refuses a correctly signed 26 MB delivery with 413, by its Content-Length, and reviews nothing", async () => {
    const body = openedPayload(opened.pull_request.number, "1".repeat(40), 26 * MB);
    expect(Buffer.byteLength(body)).toBeGreaterThan(GITHUB_MAX_WEBHOOK_BYTES);

    expect(await deliver(body, "big-1")).toBe(413);
    await settled();
    expect(github.calls).toEqual([]);
    expect(model.requests).toEqual([]);
  });

  it("refuses the same delivery sent chunked (no Content-Length) once the count passes 25 MB", async () => {
    const body = openedPayload(opened.pull_request.number, "1".repeat(40), 26 * MB);
    expect(await deliver(body, "big-2", true)).toBe(413);
    await settled();
    expect(github.calls).toEqual([]);
  });

  it("passes a normal signed delivery on to the handlers, which start a review of the pull request", async () => {
    expect(await deliver(openedPayload(opened.pull_request.number, "1".repeat(40)), "small-1")).toBe(200);
    await settled();
    expect(pullRequestsRead()).toEqual([opened.pull_request.number]);
  });

  it("passes a signed 24 MB delivery, chunked, intact (its signature still verifies)", async () => {
    const body = openedPayload(opened.pull_request.number + 1, "2".repeat(40), 24 * MB);
    expect(await deliver(body, "large-1", true)).toBe(200);
    await settled();
    expect(pullRequestsRead()).toEqual([opened.pull_request.number, opened.pull_request.number + 1]);
  });
});

describe("webhook signature", () => {
  it.each([
    ["unsigned", async (body: string) => ({ ...(await signedWebhookHeaders(SECRET, "pull_request", body, "unsigned-1")), "x-hub-signature-256": undefined })],
    ["signed with another secret", (body: string) => signedWebhookHeaders("not-the-secret", "pull_request", body, "forged-1")],
  ])("rejects a delivery %s and triggers nothing", async (_name, headersFor) => {
    const callsBefore = github.calls.length;
    const body = openedPayload(opened.pull_request.number + 1, "3".repeat(40));
    const headers = Object.fromEntries(Object.entries(await headersFor(body)).filter(([, value]) => value !== undefined)) as Record<string, string>;

    const status = await post(body, headers);

    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    await settled();
    expect(github.calls.slice(callsBefore)).toEqual([]);
  });
});

describe("webhook payload", () => {
  const comment = loadWebhookExample("issue_comment", (p) => p.action === "created" && Boolean(p.installation));
  it.each([
    // String() of this object threw a TypeError, which answered 500.
    ["pull_request", opened, (p: any) => (p.action = { toString: 1 }), "action: Invalid input: expected string, received object"],
    ["pull_request", opened, (p: any) => (p.action = 7), "action: Invalid input: expected string, received number"],
    ["pull_request", opened, (p: any) => (p.pull_request.number = String(p.pull_request.number)), "pull_request.number: Invalid input: expected number, received string"],
    ["issue_comment", comment, (p: any) => (p.comment.id = String(p.comment.id)), "comment.id: Invalid input: expected number, received string"],
  ])("answers 400 to a signed %s delivery with a field of the wrong type, naming it, and triggers nothing", async (event, example, mutate, problem) => {
    const callsBefore = github.calls.length;
    const payload = structuredClone(example);
    mutate(payload);
    const body = JSON.stringify(payload);

    const response = await fetch(`http://127.0.0.1:${running.port}/api/github/webhooks`, { method: "POST", headers: await signedWebhookHeaders(SECRET, event, body, "typed-1"), body });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: `${event} payload: ${problem}` });
    await settled();
    expect(github.calls.slice(callsBefore)).toEqual([]);
  });
});

describe("npm start without WEBHOOK_SECRET", () => {
  it("refuses to start once APP_ID is set, naming the missing variable", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      // Empty counts as unset, and keeps a developer's .env (which does not override set variables) out of the test.
      env: { PATH: process.env.PATH, APP_ID: "12345", PRIVATE_KEY: "unused", WEBHOOK_SECRET: "", HOST: "127.0.0.1", PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));

    expect(code).toBe(1);
    expect(stderr).toContain("WEBHOOK_SECRET is required once APP_ID is set");
    expect(await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => "not listening")).toBe("not listening");
  });
});
