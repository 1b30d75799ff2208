import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import { Redis } from "ioredis";
import nock from "nock";
import { createQueuedCheckRuns } from "../../src/app/queued-check-runs.js";
import type { GitHubClient } from "../../src/github/github-client.js";
import type { PipelineJob } from "../../src/pipeline/review-pull-request.js";
import { createRedisCheckRunClaims } from "../../src/queue/create-redis-check-run-claims.js";
import { createQueueKeys } from "../../src/queue/queue-keys.js";
import { createRecordingLogger } from "../helpers/silent-logger.js";
import { startRedisServer, type RedisServer } from "../helpers/start-redis-server.js";
import { SLOW_TEST_TIMEOUT_MS } from "../helpers/wait-for.js";

// Starts servers or processes: a safety net far above what these tests need (see wait-for.ts).
jest.setTimeout(SLOW_TEST_TIMEOUT_MS);

// A receiver and a worker as two processes (each its own Redis connection and its own poster),
// against a real redis-server: whichever comes first, each job shows exactly one check run.

const API = "https://api.github.com";
const RUNS = "/repos/acme/shop/check-runs";
const octokit = new Octokit({ baseUrl: API, request: { retries: 0 } }) as unknown as GitHubClient;

let server: RedisServer;
const clients: Redis[] = [];
beforeAll(async () => {
  server = await startRedisServer();
});
afterEach(() => nock.cleanAll());
afterAll(async () => {
  await Promise.all(clients.map((client) => client.quit()));
  await server?.stop();
});

let queues = 0;
/** One "process" per call on a fresh queue name per test: its claims in Redis and its poster. */
function sharedClaims(waitMs = 5_000) {
  const keys = createQueueKeys(`claims-${++queues}`);
  return () => {
    const client = new Redis(server.url);
    clients.push(client);
    const log = createRecordingLogger();
    const claims = createRedisCheckRunClaims(client, { key: keys.checkRun, waitMs, log });
    return { claims, log, runs: createQueuedCheckRuns({ claims, auth: async () => octokit, log }) };
  };
}

const job = (deliveryId: string): PipelineJob => ({ installationId: 1, owner: "acme", repo: "shop", pullNumber: 7, headSha: "a".repeat(40), trigger: "synchronize", deliveryId });
const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe("check runs shown across processes (Redis claims)", () => {
  it("a worker that starts the review before the receiver posts: the receiver posts no queued run", async () => {
    const open = sharedClaims();
    const [receiver, worker] = [open(), open()];
    const posted: unknown[] = [];
    nock(API).post(RUNS, (body) => Boolean(posted.push(body))).reply(201, { id: 1 });

    await expect(worker.runs.take(job("d-1"))).resolves.toBeNull();
    receiver.runs.accepted(job("d-1"), "queued");
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(posted).toEqual([]);
  });

  it("a worker that starts while the receiver is creating the queued run waits for it and takes it over", async () => {
    const open = sharedClaims();
    const [receiver, worker] = [open(), open()];
    let seen = false;
    nock(API)
      .post(RUNS, (body) => (seen = body.external_id === "d-2"))
      .delay(400)
      .reply(201, { id: 22 });

    receiver.runs.accepted(job("d-2"), "queued");
    await until(() => seen);

    await expect(worker.runs.take(job("d-2"))).resolves.toEqual({ id: 22 });
    // Taken: a retry of the job on a third process finds none and shows its own.
    await expect(open().runs.take(job("d-2"))).resolves.toBeNull();
  });

  it("a receiver that died while creating the run holds the review up only for the wait, then the review shows its own", async () => {
    const open = sharedClaims(300);
    const [receiver, worker] = [open(), open()];
    await receiver.claims.reserve("d-3");
    expect(await receiver.claims.startPosting("d-3")).toBe(true);

    const started = Date.now();
    await expect(worker.runs.take(job("d-3"))).resolves.toBeNull();

    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(worker.log.lines.map((line) => line.msg)).toEqual(["the queued check run is still being created by another process; the review shows its own"]);
  });

  it("a newer push taken by another receiver closes the queued run the first one showed", async () => {
    const open = sharedClaims();
    const [first, second] = [open(), open()];
    const scope = nock(API)
      .post(RUNS)
      .reply(201, { id: 44 })
      .patch(`${RUNS}/44`, (body) => body.status === "completed" && body.conclusion === "skipped")
      .reply(200, { id: 44 });

    first.runs.accepted(job("d-4"), "queued");
    await until(() => nock.pendingMocks().length === 1);
    second.runs.superseded(job("d-4"));
    await until(() => scope.isDone());

    expect(scope.isDone()).toBe(true);
  });

  it("a claim written by hand (not a run) is read as no run, never a crash", async () => {
    const open = sharedClaims();
    const worker = open();
    const client = new Redis(server.url);
    clients.push(client);
    await client.set(createQueueKeys(`claims-${queues}`).checkRun("d-5"), JSON.stringify({ id: "DROP TABLE" }));

    await expect(worker.runs.take(job("d-5"))).resolves.toBeNull();
    expect(worker.log.lines.map((line) => line.msg)).toEqual(["unreadable check run claim in Redis; the review shows its own run"]);
  });
});
