import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { Redis } from "ioredis";
import type { ReviewQueue } from "../../src/app/create-review-queue.js";
import type { PipelineJob } from "../../src/pipeline/review-pull-request.js";
import { createRedisReviewQueue } from "../../src/queue/create-redis-review-queue.js";
import { createQueueKeys } from "../../src/queue/queue-keys.js";
import { createRecordingLogger } from "../helpers/silent-logger.js";
import { startRedisServer, type RedisServer } from "../helpers/start-redis-server.js";
import { SLOW_TEST_TIMEOUT_MS, waitFor } from "../helpers/wait-for.js";

// Starts servers or processes: a safety net far above what these tests need (see wait-for.ts).
jest.setTimeout(SLOW_TEST_TIMEOUT_MS);

// The shared queue against a real redis-server. Each instance of createRedisReviewQueue has its own
// Redis connections, as a separate process would; `run` stands for the review pipeline.

const SHA_A = "a".repeat(40);
const SHA_B = "b".repeat(40);

let server: RedisServer;
let inspect: Redis;
const opened: ReviewQueue[] = [];
let queueCount = 0;

beforeAll(async () => {
  server = await startRedisServer();
  inspect = new Redis(server.url);
});

afterAll(async () => {
  await Promise.all(opened.map((queue) => queue.release?.()));
  inspect?.disconnect();
  await server?.stop();
});

const job = (over: Partial<PipelineJob>): PipelineJob => ({
  installationId: 1,
  owner: "acme",
  repo: "shop",
  pullNumber: 7,
  headSha: SHA_A,
  trigger: "synchronize",
  deliveryId: `d-${Math.random()}`,
  ...over,
});

type Run = (job: PipelineJob, signal: AbortSignal) => Promise<void>;

/** A fresh queue name per test, and a function opening "processes" on it. */
function sharedQueue(limit = 100) {
  const queueName = `test-${++queueCount}`;
  const open = (work: boolean, run: Run = async () => undefined, onReplaced?: (older: PipelineJob) => void) => {
    const queue = createRedisReviewQueue({ url: server.url, queueName, lockMs: 2_000, work, concurrency: 4, limit, run, log: createRecordingLogger(), ...(onReplaced ? { onReplaced } : {}) });
    opened.push(queue);
    return queue;
  };
  return { queueName, open };
}


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("createRedisReviewQueue", () => {
  it("stores only the review's references in Redis, never anything else the job object carries", async () => {
    const { queueName, open } = sharedQueue();
    const receiver = open(false);
    const command = { actorLogin: "octocat", pullRequestAuthorLogin: "hubot", repositoryPrivate: true, commentId: 42, full: true, focus: "the retry loop" };
    const smuggled = { ...job({ headSha: null, trigger: "command", deliveryId: "cmd-1", command }), patch: "+const key = 'SECRET-CODE'" } as PipelineJob;
    expect(await receiver.enqueue(smuggled)).toBe("queued");

    const hash = await inspect.hgetall(`bull:${queueName}:1/acme/shop#7@command`);
    const data = JSON.parse(hash.data!);
    expect(Object.keys(data).sort()).toEqual(["command", "deliveryId", "headSha", "installationId", "owner", "pullNumber", "repo", "trigger"]);
    expect(Object.keys(data.command).sort()).toEqual(["actorLogin", "commentId", "focus", "full", "pullRequestAuthorLogin", "repositoryPrivate"]);
    expect(data).toEqual({ installationId: 1, owner: "acme", repo: "shop", pullNumber: 7, headSha: null, trigger: "command", deliveryId: "cmd-1", command });
    expect(JSON.stringify(hash)).not.toContain("SECRET-CODE");
  });

  it("does nothing for a redelivered webhook or a second trigger of the same commit, whichever receiver gets it", async () => {
    const { open } = sharedQueue();
    const [first, second] = [open(false), open(false)];
    expect(await first.enqueue(job({ deliveryId: "d1" }))).toBe("queued");
    expect(await second.enqueue(job({ deliveryId: "d1" }))).toBe("duplicate");
    expect(await second.enqueue(job({ deliveryId: "d2", trigger: "reopened" }))).toBe("duplicate");
    expect(await first.stats!()).toMatchObject({ waiting: 1 });

    const ran: string[] = [];
    open(true, async (j) => void ran.push(j.deliveryId));
    await waitFor(() => ran.length === 1);
    await waitFor(async () => (await first.stats!()).running === 0);
    expect(ran).toEqual(["d1"]);
    expect(await first.stats!()).toMatchObject({ waiting: 0, running: 0 });
  });

  it("replaces the waiting job of an older commit with the newest, and keeps a /review command", async () => {
    const { open } = sharedQueue();
    const replaced: PipelineJob[] = [];
    const receiver = open(false, undefined, (older) => void replaced.push(older));
    expect(await receiver.enqueue(job({ deliveryId: "push-1", headSha: SHA_A }))).toBe("queued");
    expect(await receiver.enqueue(job({ deliveryId: "cmd", headSha: null, trigger: "command" }))).toBe("queued");
    // Another receiver takes the newer push: the job it replaced is named (its check run is closed).
    expect(await open(false, undefined, (older) => void replaced.push(older)).enqueue(job({ deliveryId: "push-2", headSha: SHA_B }))).toBe("replaced");
    expect(await receiver.stats!()).toMatchObject({ waiting: 2 });
    expect(replaced).toEqual([job({ deliveryId: "push-1", headSha: SHA_A })]);

    const ran: string[] = [];
    open(true, async (j) => void ran.push(j.deliveryId));
    await waitFor(() => ran.length === 2);
    expect(ran.sort()).toEqual(["cmd", "push-2"]);
  });

  it("aborts a review running in another process when a newer commit of its PR arrives, then reviews the newer one", async () => {
    const { open } = sharedQueue();
    const events: string[] = [];
    open(true, async (j, signal) => {
      events.push(`start ${j.deliveryId}`);
      if (j.deliveryId === "push-1") {
        await new Promise<void>((resolve) => {
          signal.addEventListener("abort", () => resolve());
          setTimeout(resolve, 8_000);
        });
        events.push(`end ${j.deliveryId} ${signal.aborted ? "aborted" : "not aborted"}`);
      }
    });
    const receiver = open(false);
    await receiver.enqueue(job({ deliveryId: "push-1", headSha: SHA_A }));
    await waitFor(() => events.includes("start push-1"));
    const supersededAt = Date.now();
    expect(await receiver.enqueue(job({ deliveryId: "push-2", headSha: SHA_B }))).toBe("queued");
    await waitFor(() => events.includes("start push-2"));
    expect(events).toEqual(["start push-1", "end push-1 aborted", "start push-2"]);
    // The running worker polls the newest sha about every lockMs/3.
    expect(Date.now() - supersededAt).toBeLessThan(3_000);
  });

  it("never runs two reviews of one pull request at once, across two workers, while other PRs run in parallel", async () => {
    const { open } = sharedQueue();
    const runningByPr = new Map<number, number>();
    let maxPerPr = 0;
    let running = 0;
    let maxOverall = 0;
    const ran: string[] = [];
    const run: Run = async (j) => {
      runningByPr.set(j.pullNumber, (runningByPr.get(j.pullNumber) ?? 0) + 1);
      running += 1;
      maxPerPr = Math.max(maxPerPr, runningByPr.get(j.pullNumber)!);
      maxOverall = Math.max(maxOverall, running);
      await sleep(300);
      runningByPr.set(j.pullNumber, runningByPr.get(j.pullNumber)! - 1);
      running -= 1;
      ran.push(j.deliveryId);
    };
    const receiver = open(false);
    open(true, run);
    open(true, run);
    for (const pullNumber of [1, 2]) {
      await receiver.enqueue(job({ pullNumber, deliveryId: `push-${pullNumber}` }));
      await receiver.enqueue(job({ pullNumber, deliveryId: `cmd-${pullNumber}`, headSha: null, trigger: "command" }));
    }
    await waitFor(() => ran.length === 4);
    expect(ran.sort()).toEqual(["cmd-1", "cmd-2", "push-1", "push-2"]);
    expect(maxPerPr).toBe(1);
    expect(maxOverall).toBe(2);
  });

  it("hands a review cut short by a shutdown back to the queue, where another worker takes it", async () => {
    const { open } = sharedQueue();
    const events: string[] = [];
    const stopping = open(true, async (j, signal) => {
      events.push(`first worker: ${j.deliveryId}`);
      await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve()));
      events.push(`first worker aborted: ${signal.reason}`);
    });
    const receiver = open(false);
    await receiver.enqueue(job({ deliveryId: "long" }));
    await waitFor(() => events.length === 1);
    stopping.close();
    expect(await receiver.enqueue(job({ deliveryId: "late", pullNumber: 8 }))).toBe("queued"); // another process still takes jobs
    await stopping.release!();

    open(true, async (j) => void events.push(`second worker: ${j.deliveryId}`));
    await waitFor(() => events.length === 4);
    expect(events.slice(0, 2)).toEqual(["first worker: long", "first worker aborted: worker shutting down"]);
    expect(events.slice(2).sort()).toEqual(["second worker: late", "second worker: long"]);
    expect(await stopping.enqueue(job({ deliveryId: "after-close" }))).toBe("closed");
  });

  it("when full, refuses a newer push before it supersedes anything, and still lets a push replace its waiting job", async () => {
    const { queueName, open } = sharedQueue(1);
    const replaced: PipelineJob[] = [];
    const receiver = open(false, undefined, (older) => void replaced.push(older));
    expect(await receiver.enqueue(job({ pullNumber: 1, headSha: SHA_A, deliveryId: "waiting" }))).toBe("queued");
    // Pull request 9's older commit is under review somewhere: its worker aborts when `latest` changes.
    const latest = createQueueKeys(queueName).latest("1/acme/shop#9");
    await inspect.set(latest, SHA_A);

    expect(await receiver.enqueue(job({ pullNumber: 9, headSha: SHA_B }))).toBe("full");
    expect(await inspect.get(latest)).toBe(SHA_A);
    // A newer push of the waiting pull request takes its place: the queue does not grow.
    expect(await receiver.enqueue(job({ pullNumber: 1, headSha: SHA_B, deliveryId: "waiting, newer" }))).toBe("replaced");
    expect(replaced.map((older) => older.deliveryId)).toEqual(["waiting"]);
  });

  it("takes the redelivery of a delivery refused while the queue was full, once it has room", async () => {
    const { open } = sharedQueue(1);
    const receiver = open(false);
    await receiver.enqueue(job({ pullNumber: 1 }));
    const refused = job({ pullNumber: 2 });
    expect(await receiver.enqueue(refused)).toBe("full");
    const reviewed: number[] = [];
    open(true, async (taken) => void reviewed.push(taken.pullNumber));
    await waitFor(() => reviewed.length === 1);
    expect(await receiver.enqueue(refused)).toBe("queued");
    await waitFor(() => reviewed.length === 2);
    expect(reviewed).toEqual([1, 2]);
    // Taken once: the same delivery again is a duplicate.
    expect(await receiver.enqueue(refused)).toBe("duplicate");
  });

  it("reports depth and age of the shared queue from Redis, refuses jobs beyond the limit, and answers readiness", async () => {
    const { open } = sharedQueue(2);
    const receiver = open(false);
    const other = open(false);
    await receiver.enqueue(job({ pullNumber: 1 }));
    await receiver.enqueue(job({ pullNumber: 2 }));
    expect(await other.enqueue(job({ pullNumber: 3 }))).toBe("full");
    await sleep(1_100);
    const stats = await other.stats!();
    expect(stats).toMatchObject({ waiting: 2, running: 0 });
    expect(stats.oldestWaitSeconds).toBeGreaterThanOrEqual(1);
    expect(stats.oldestWaitSeconds).toBeLessThan(10);
    expect(await other.isReady!()).toBe(true);
  });

  it("is not ready, and says why in its answer to a webhook, while Redis is unreachable", async () => {
    const lonely = await startRedisServer();
    const log = createRecordingLogger();
    const queue = createRedisReviewQueue({ url: lonely.url, queueName: "down", lockMs: 2_000, work: false, concurrency: 1, limit: 10, run: async () => undefined, log });
    await waitFor(() => queue.isReady!());
    await lonely.stop();
    await waitFor(async () => !(await queue.isReady!()));
    await expect(Promise.resolve(queue.enqueue(job({})))).rejects.toThrow("the review queue (Redis) did not take the job");
    expect(log.lines).toContainEqual(expect.objectContaining({ level: "error", msg: "could not queue the review job: is Redis reachable?" }));
    expect(JSON.stringify(log.lines)).not.toContain(lonely.url);
    expect(Number.isNaN((await queue.stats!()).waiting)).toBe(true);
    await queue.release!();
  });
});
