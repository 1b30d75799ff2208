import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { startFakeGitHub, type FakeFile, type FakeGitHub } from "../helpers/fake-github.js";
import { startFakeModel, type ChatRequest, type FakeModel } from "../helpers/fake-model.js";
import { freePort } from "../helpers/free-port.js";
import { signedWebhookHeaders } from "../helpers/sign-webhook.js";
import { loadWebhookExample } from "../helpers/webhook-examples.js";
import { SLOW_TEST_TIMEOUT_MS, waitFor } from "../helpers/wait-for.js";

// Starts servers or processes: a safety net far above what these tests need (see wait-for.ts).
jest.setTimeout(SLOW_TEST_TIMEOUT_MS);

// Two pushes to one pull request through the real server (`src/main.ts`), a fake GitHub on
// loopback and a fake model: the second review sends the model only the hunk the second push
// changed (found with GitHub's compare of the two commits), posts only its new finding, and the
// summary says which range was reviewed and what the earlier review found. Each commit gets its
// "Patchwise review" check run: queued, in progress, then the result.

const SECRET = "incremental-webhook-secret";
const FIRST_SHA = "1".repeat(40);
const SECOND_SHA = "2".repeat(40);
const opened = loadWebhookExample("pull_request", (p) => p.action === "opened" && Boolean(p.installation)) as any;
const synchronize = loadWebhookExample("pull_request", (p) => p.action === "synchronize" && Boolean(p.installation)) as any;
const owner: string = opened.repository.owner.login;
const repo: string = opened.repository.name;
const prNumber: number = opened.pull_request.number;

// The pull request's diff at each push: the first changes total(); the second also adds average().
const TOTAL_HUNK = ["@@ -1,3 +1,3 @@", " export function total(items) {", "-  return items.reduce((a, b) => a + b);", "+  return items.reduce((a, b) => a + b.price, 0)", " }"].join("\n");
const AVERAGE_HUNK = ["@@ -8,3 +8,6 @@", " export function count(items) {", "   return items.length;", " }", "+export function average(items) {", "+  return total(items) / items.length;", "+}"].join("\n");
const FIRST_FILES: FakeFile[] = [{ filename: "src/total.js", status: "modified", additions: 1, deletions: 1, patch: TOTAL_HUNK }];
const SECOND_FILES: FakeFile[] = [{ filename: "src/total.js", status: "modified", additions: 4, deletions: 1, patch: `${TOTAL_HUNK}\n${AVERAGE_HUNK}` }];
// GitHub's compare of the two commits: only what the second push changed.
const SINCE_FIRST: FakeFile[] = [{ filename: "src/total.js", status: "modified", additions: 3, deletions: 0, patch: AVERAGE_HUNK }];

const semicolonFinding = { path: "src/total.js", line: 2, startLine: null, side: "RIGHT", severity: "minor", category: "style", title: "Missing semicolon", body: "Add a semicolon.", suggestion: null };
const divisionFinding = { path: "src/total.js", line: 12, startLine: null, side: "RIGHT", severity: "major", category: "bug", title: "Division by zero", body: "average([]) divides by zero and returns NaN.", suggestion: null };

let github: FakeGitHub;
let model: FakeModel;
let app: ChildProcess;
let appUrl: string;
let output = "";

const userMessage = (request: ChatRequest) => request.messages.find((message) => message.role === "user")!.content;

beforeAll(async () => {
  github = await startFakeGitHub();
  github.addPullRequest(owner, repo, { number: prNumber, title: "Sum prices", body: "", headSha: FIRST_SHA, baseSha: "0".repeat(40), files: FIRST_FILES });
  // A model that reports what it is shown: the semicolon when total() is in the prompt, the division when average() is.
  model = await startFakeModel({
    answer: (request) => {
      const prompt = userMessage(request);
      return {
        summary: "Sums prices.",
        walkthrough: [{ path: "src/total.js", change: "sums prices" }],
        findings: [...(prompt.includes("b.price") ? [semicolonFinding] : []), ...(prompt.includes("average") ? [divisionFinding] : [])],
      };
    },
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
      LOG_LEVEL: "info",
      GHE_HOST: github.url.replace("http://", ""),
      GHE_PROTOCOL: "http",
      PATCHWISE_PROVIDER: "openai",
      PATCHWISE_MODEL: "fake-model",
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: model.baseUrl,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  app.stdout!.on("data", (d) => (output += d));
  app.stderr!.on("data", (d) => (output += d));
  await waitFor(async () => (await fetch(`${appUrl}/healthz`).catch(() => null))?.status === 200, appOutput);
});

afterAll(async () => {
  app?.kill("SIGTERM");
  await Promise.all([github?.close(), model?.close()]);
});

async function deliver(template: any, sha: string, deliveryId: string) {
  const payload = structuredClone(template);
  payload.repository = opened.repository;
  payload.installation = opened.installation;
  payload.pull_request = { ...opened.pull_request, head: { ...opened.pull_request.head, sha } };
  payload.number = prNumber;
  payload.sender = { ...payload.sender, login: "octocat", type: "User" };
  const body = JSON.stringify(payload);
  const response = await fetch(`${appUrl}/api/github/webhooks`, { method: "POST", body, headers: await signedWebhookHeaders(SECRET, "pull_request", body, deliveryId) });
  expect(response.status).toBe(200);
}

describe("a second push is reviewed incrementally", () => {
  it("the first push gets a full review, with its check run and the state the next review starts from", async () => {
    await deliver(opened, FIRST_SHA, "push-1");
    // The check's result goes out right after the review, before the summary comment.
    await waitFor(() => github.checkRuns.some((run) => run.head_sha === FIRST_SHA && run.status === "completed") && github.comments.length === 1, appOutput);

    expect(github.reviews).toHaveLength(1);
    expect(github.reviews[0]!.comments).toEqual([expect.objectContaining({ path: "src/total.js", line: 2, body: expect.stringContaining("Missing semicolon") })]);
    expect(github.comments[0]!.body).toContain(`<!-- patchwise:state v1 sha=${FIRST_SHA} reviews=1 critical=0 major=0 minor=1 nit=0 worst=minor -->`);
    expect(github.checkRuns.filter((run) => run.head_sha === FIRST_SHA)).toEqual([
      expect.objectContaining({ name: "Patchwise review", external_id: "push-1", status: "completed", conclusion: "neutral", output: expect.objectContaining({ title: "1 finding: 1 🟡 Minor" }) }),
    ]);
  });

  it("the second push sends only its new hunk, posts only the new finding, and the summary says which range was reviewed", async () => {
    github.addPullRequest(owner, repo, { number: prNumber, title: "Sum prices", body: "", headSha: SECOND_SHA, baseSha: "0".repeat(40), files: SECOND_FILES });
    github.setComparison(owner, repo, FIRST_SHA, SECOND_SHA, { status: "ahead", files: SINCE_FIRST });
    const callsBefore = github.calls.length;

    await deliver(synchronize, SECOND_SHA, "push-2");
    await waitFor(() => github.checkRuns.some((run) => run.head_sha === SECOND_SHA && run.status === "completed") && github.comments[0]!.body.includes(`sha=${SECOND_SHA}`), appOutput);

    // The model saw the new function, and not the change it already reviewed.
    expect(model.requests).toHaveLength(2);
    const prompt = userMessage(model.requests[1]!);
    expect(prompt).toContain("return total(items) / items.length;");
    expect(prompt).not.toContain("b.price");
    // One new review, on the new commit, with only the new finding.
    expect(github.reviews).toHaveLength(2);
    expect(github.reviews[1]).toMatchObject({ commit_id: SECOND_SHA, event: "COMMENT" });
    expect(github.reviews[1]!.comments).toEqual([expect.objectContaining({ path: "src/total.js", line: 12, side: "RIGHT", body: expect.stringContaining("Division by zero") })]);
    // The one summary comment, edited: the range, the earlier review's findings, the new totals.
    expect(github.comments).toHaveLength(1);
    const summary = github.comments[0]!.body;
    expect(summary).toContain("Reviewed changes `1111111..2222222` (incremental: 1 of 1 changed file, 1 of 2 hunks); earlier reviews: 1 finding (1 🟡 Minor).");
    expect(summary).toContain(`<!-- patchwise:state v1 sha=${SECOND_SHA} reviews=2 critical=0 major=1 minor=1 nit=0 worst=major -->`);
    // The compare of the two commits was asked once, and the second commit got its own check run.
    const routes = github.calls.slice(callsBefore).map((call) => call.route);
    expect(routes.filter((route) => route === "GET /repos/{owner}/{repo}/compare/{basehead}")).toHaveLength(1);
    expect(github.calls.find((call) => call.route === "GET /repos/{owner}/{repo}/compare/{basehead}")?.path).toBe(`/repos/${owner}/${repo}/compare/${FIRST_SHA}...${SECOND_SHA}`);
    expect(github.checkRuns.filter((run) => run.head_sha === SECOND_SHA)).toEqual([
      expect.objectContaining({
        external_id: "push-2",
        status: "completed",
        conclusion: "neutral",
        output: expect.objectContaining({ title: "1 finding: 1 🟠 Major", summary: expect.stringContaining("Reviewed changes `1111111..2222222` (incremental") }),
        details_url: expect.stringContaining("#pullrequestreview-"),
      }),
    ]);
  });
});

const appOutput = () => `app output:\n${output.slice(-4000)}`;
