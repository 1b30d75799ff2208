import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github.js";
import { startFakeModel, type FakeModel } from "../helpers/fake-model.js";
import { freePort } from "../helpers/free-port.js";
import { signedWebhookHeaders } from "../helpers/sign-webhook.js";
import { startRedisServer, type RedisServer } from "../helpers/start-redis-server.js";
import { loadWebhookExample } from "../helpers/webhook-examples.js";
import { SLOW_TEST_TIMEOUT_MS, waitFor } from "../helpers/wait-for.js";

// Starts servers or processes: a safety net far above what these tests need (see wait-for.ts).
jest.setTimeout(SLOW_TEST_TIMEOUT_MS);

// The scale-out set-up as real processes: one webhook receiver (`src/main.ts` with
// PATCHWISE_WORKER=false) and worker processes (`src/worker/main.ts`) sharing a real redis-server,
// against the fake GitHub and a fake model that takes 2 s per answer.

const SECRET = "scale-out-secret";
const MODEL_LATENCY_MS = 2_000;
const LOCK_MS = 3_000;
const PATCH = "@@ -1,2 +1,3 @@\n export const a = 1;\n+export const b = 2;\n export const c = 3;";
const sha = (n: number, variant = 0) => (n * 10 + variant).toString(16).padStart(40, "0");

interface Proc {
  name: string;
  child: ChildProcess;
  url: string;
  output: string;
  logs: () => Array<Record<string, unknown>>;
  exited: Promise<number | null>;
}

let redis: RedisServer;
let github: FakeGitHub;
let model: FakeModel;
let receiver: Proc;
const workers: Proc[] = [];
// The worker entry: `npm run worker` without GitHub's pauses between writes (see the fixture).
const WORKER_ENTRY = "test/e2e/fixtures/worker-without-write-pauses.ts";
const everyProcess: Proc[] = [];
const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey;

const opened = loadWebhookExample("pull_request", (p) => p.action === "opened" && Boolean(p.installation)) as any;
const owner: string = opened.repository.owner.login;
const repo: string = opened.repository.name;

function addPullRequest(number: number, headSha: string): void {
  github.addPullRequest(owner, repo, {
    number,
    title: `Change ${number}`,
    body: "",
    headSha,
    baseSha: "f".repeat(40),
    files: [{ filename: `src/file-${number}.ts`, status: "modified", additions: 1, deletions: 0, patch: PATCH }],
  });
}

async function spawnApp(name: string, entry: string, extraEnv: Record<string, string>): Promise<Proc> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
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
      REDIS_URL: redis.url,
      PATCHWISE_QUEUE_LOCK_MS: String(LOCK_MS),
      PATCHWISE_CONCURRENCY: "16",
      PATCHWISE_SHUTDOWN_GRACE_MS: "500",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const proc: Proc = {
    name,
    child,
    url: `http://127.0.0.1:${port}`,
    output: "",
    logs: () =>
      proc.output
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))),
  };
  child.stdout!.on("data", (d) => (proc.output += d));
  child.stderr!.on("data", (d) => (proc.output += d));
  everyProcess.push(proc);
  return proc;
}

async function healthy(proc: Proc): Promise<void> {
  await waitFor(async () => (await fetch(`${proc.url}/healthz`).catch(() => null))?.status === 200, () => `${proc.name}:\n${proc.output}`);
}

beforeAll(async () => {
  // One after another: had Redis failed to start inside a Promise.all, the fakes already started
  // would never be closed, and jest would not exit.
  redis = await startRedisServer();
  github = await startFakeGitHub();
  model = await startFakeModel({ latencyMs: MODEL_LATENCY_MS, answer: () => ({ summary: "Adds b.", walkthrough: [], findings: [] }) });
  receiver = await spawnApp("receiver", "src/main.ts", { PATCHWISE_WORKER: "false" });
  workers.push(await spawnApp("worker-1", WORKER_ENTRY, {}), await spawnApp("worker-2", WORKER_ENTRY, {}));
  await Promise.all([receiver, ...workers].map(healthy));
});

afterAll(async () => {
  for (const proc of everyProcess) if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill("SIGKILL");
  await Promise.all(everyProcess.map((proc) => proc.exited));
  await Promise.all([github?.close(), model?.close(), redis?.stop()]);
});

async function deliver(event: string, payload: unknown, deliveryId: string): Promise<number> {
  const body = JSON.stringify(payload);
  const response = await fetch(`${receiver.url}/api/github/webhooks`, { method: "POST", body, headers: await signedWebhookHeaders(SECRET, event, body, deliveryId) });
  return response.status;
}

function prEvent(action: string, number: number, headSha: string) {
  const payload = structuredClone(opened);
  payload.action = action;
  payload.number = number;
  payload.pull_request.number = number;
  payload.pull_request.head.sha = headSha;
  payload.pull_request.draft = false;
  payload.pull_request.state = "open";
  payload.sender = { ...payload.sender, type: "User", login: "octocat" };
  return payload;
}

/** Posted reviews by pull request number (from the POSTs the fake GitHub received). */
function reviewsOf(number: number): Array<{ commit_id: string }> {
  return github.calls
    .filter((call) => call.method === "POST" && call.path === `/repos/${owner}/${repo}/pulls/${number}/reviews`)
    .map((call) => call.body as { commit_id: string });
}

/** Queue depth and running jobs as the receiver reports them; it works no jobs itself, so they come from Redis. */
async function queueGauges(): Promise<{ waiting: number; running: number }> {
  const text = await (await fetch(`${receiver.url}/metrics`)).text();
  const gauge = (state: string) => Number(text.match(new RegExp(`patchwise_queue_jobs\\{state="${state}"\\} (\\S+)`))?.[1]);
  return { waiting: gauge("waiting"), running: gauge("running") };
}

async function queueEmpty(): Promise<void> {
  await waitFor(async () => {
    const { waiting, running } = await queueGauges();
    return waiting === 0 && running === 0;
  }, () => everyProcess.map((p) => `${p.name}:\n${p.output.slice(-2000)}`).join("\n"));
}

/** Why the workers skipped the review of `deliveryId`, if they did. */
function skipReasons(deliveryId: string): unknown[] {
  return workers.flatMap((w) => w.logs().filter((l) => l.msg === "review skipped" && l.deliveryId === deliveryId).map((l) => l.reason));
}

/** The worker that has started reviewing `deliveryId` (it logged its file selection). */
async function workerReviewing(deliveryId: string): Promise<Proc> {
  let found: Proc | undefined;
  await waitFor(() => Boolean((found = workers.find((w) => w.logs().some((l) => l.msg === "files selected" && l.deliveryId === deliveryId)))), () =>
    workers.map((w) => w.output.slice(-2000)).join("\n"),
  );
  return found!;
}

describe("scale-out over Redis: one receiver, two worker processes", () => {
  it("turns 50 pull request events into exactly 50 reviews, none twice, shared by both workers", async () => {
    for (let n = 1; n <= 50; n += 1) addPullRequest(n, sha(n));
    const statuses = await Promise.all(Array.from({ length: 50 }, (_, i) => deliver("pull_request", prEvent("opened", i + 1, sha(i + 1)), `burst-${i + 1}`)));
    expect(statuses.every((status) => status === 200)).toBe(true);
    // Fifty jobs, 32 review slots and 2 s per model answer: the shared queue is not empty yet.
    const during = await queueGauges();
    expect(during.waiting + during.running).toBeGreaterThan(0);

    await waitFor(() => github.reviews.length >= 50, () => workers.map((w) => w.output.slice(-3000)).join("\n"));
    await queueEmpty();
    for (let n = 1; n <= 50; n += 1) expect(reviewsOf(n).map((r) => r.commit_id)).toEqual([sha(n)]);
    expect(github.reviews).toHaveLength(50);
    const postedBy = workers.map((w) => w.logs().filter((l) => l.msg === "review posted").length);
    expect(postedBy[0]! + postedBy[1]!).toBe(50);
    expect(Math.min(...postedBy)).toBeGreaterThan(0);
  });

  it("does nothing for a redelivered webhook or another trigger of an already queued or reviewed commit", async () => {
    addPullRequest(51, sha(51));
    // The same commit twice while its job waits or runs, then again after its review.
    const firstTwo = [await deliver("pull_request", prEvent("opened", 51, sha(51)), "dup-1"), await deliver("pull_request", prEvent("reopened", 51, sha(51)), "dup-2")];
    expect(firstTwo).toEqual([200, 200]);
    expect(await deliver("pull_request", prEvent("opened", 51, sha(51)), "dup-1")).toBe(200); // GitHub's redelivery
    expect(await deliver("pull_request", prEvent("opened", 1, sha(1)), "burst-1")).toBe(200); // an old delivery, redelivered
    await waitFor(() => reviewsOf(51).length === 1, () => workers.map((w) => w.output.slice(-2000)).join("\n"));
    await queueEmpty();
    expect(await deliver("pull_request", prEvent("reopened", 51, sha(51)), "dup-3")).toBe(200);
    await waitFor(() => skipReasons("dup-3").length > 0, () => workers.map((w) => w.output.slice(-2000)).join("\n"));
    expect(skipReasons("dup-3")).toEqual(["this commit already has a Patchwise review"]);
    await queueEmpty();

    const results = receiver.logs().filter((l) => l.msg === "review job enqueued" && ["dup-1", "dup-2", "dup-3", "burst-1"].includes(String(l.deliveryId)));
    expect(results.map((l) => `${l.deliveryId} ${l.result}`)).toEqual(["burst-1 queued", "dup-1 queued", "dup-2 duplicate", "dup-1 duplicate", "burst-1 duplicate", "dup-3 queued"]);
    expect(reviewsOf(51)).toHaveLength(1);
    expect(reviewsOf(1)).toHaveLength(1);
  });

  it("aborts a review running in one worker when a newer commit arrives, and reviews only the newer commit", async () => {
    addPullRequest(60, sha(60, 1));
    expect(await deliver("pull_request", prEvent("opened", 60, sha(60, 1)), "sup-1")).toBe(200);
    const first = await workerReviewing("sup-1");
    // The model takes 2 s: a push now lands while the first review waits for its answer.
    addPullRequest(60, sha(60, 2));
    expect(await deliver("pull_request", prEvent("synchronize", 60, sha(60, 2)), "sup-2")).toBe(200);
    await waitFor(() => reviewsOf(60).length === 1, () => workers.map((w) => w.output.slice(-3000)).join("\n"));
    await queueEmpty();

    expect(reviewsOf(60).map((r) => r.commit_id)).toEqual([sha(60, 2)]);
    expect(first.logs().some((l) => l.deliveryId === "sup-1" && l.msg === "newer commit arrived: aborting the running review")).toBe(true);
    expect(skipReasons("sup-1")).toEqual(["superseded by a newer commit of the pull request"]);
  });

  it("leaves the job of a worker killed in the middle of a review to the other, which posts exactly one review", async () => {
    addPullRequest(70, sha(70));
    expect(await deliver("pull_request", prEvent("opened", 70, sha(70)), "kill-1")).toBe(200);
    const victim = await workerReviewing("kill-1");
    victim.child.kill("SIGKILL");
    await victim.exited;
    const survivor = workers.find((w) => w !== victim)!;

    await waitFor(() => reviewsOf(70).length === 1, () => survivor.output.slice(-4000));
    await queueEmpty();
    expect(reviewsOf(70).map((r) => r.commit_id)).toEqual([sha(70)]);
    expect(survivor.logs().some((l) => l.msg === "review posted" && l.deliveryId === "kill-1")).toBe(true);
    workers.splice(workers.indexOf(victim), 1);
  });

  it("on SIGTERM, a worker stops, hands its unfinished review back to the queue and exits 0; another worker posts it once", async () => {
    const third = await spawnApp("worker-3", WORKER_ENTRY, {});
    workers.push(third);
    await healthy(third);
    addPullRequest(80, sha(80));
    expect(await deliver("pull_request", prEvent("opened", 80, sha(80)), "term-1")).toBe(200);
    const stopping = await workerReviewing("term-1");
    stopping.child.kill("SIGTERM");
    // The grace period (500 ms) is shorter than the model's 2 s answer.
    expect(await stopping.exited).toBe(0);
    expect(stopping.output).toContain("grace period over, unfinished reviews returned to the queue");
    const other = workers.find((w) => w !== stopping)!;

    await waitFor(() => reviewsOf(80).length === 1, () => other.output.slice(-4000));
    await queueEmpty();
    expect(reviewsOf(80).map((r) => r.commit_id)).toEqual([sha(80)]);
    expect(other.logs().some((l) => l.msg === "review posted" && l.deliveryId === "term-1")).toBe(true);
  });

  it("answers /readyz with 503 once Redis is unreachable", async () => {
    expect((await fetch(`${receiver.url}/readyz`)).status).toBe(200);
    await redis.stop();
    await waitFor(async () => (await fetch(`${receiver.url}/readyz`)).status === 503, () => receiver.output.slice(-2000));
    expect(receiver.output).not.toContain(redis.url);
  });
});

