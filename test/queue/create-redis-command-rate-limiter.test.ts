import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { Redis } from "ioredis";
import { parseRateLimit } from "../../src/core/access/parse-rate-limit.js";
import type { PipelineJob } from "../../src/pipeline/review-pull-request.js";
import { createRedisCommandRateLimiter } from "../../src/queue/create-redis-command-rate-limiter.js";
import { startRedisServer, type RedisServer } from "../helpers/start-redis-server.js";
import { SLOW_TEST_TIMEOUT_MS } from "../helpers/wait-for.js";

// Starts servers or processes: a safety net far above what these tests need (see wait-for.ts).
jest.setTimeout(SLOW_TEST_TIMEOUT_MS);

// The /review limits in Redis mode, against a real redis-server: two limiters stand for two
// processes sharing one queue, so the limit holds for all of them together.

const LIMITS = { perPullRequest: parseRateLimit("3/hour"), perRepository: parseRateLimit("4/hour") };
const HOUR = 3_600_000;

let server: RedisServer;
const clients: Redis[] = [];
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.quit()));
  await server.stop();
});

function limiter(prefix: string, clock: { now: number }) {
  const client = new Redis(server.url);
  clients.push(client);
  return createRedisCommandRateLimiter(client, LIMITS, prefix, () => clock.now);
}

let delivery = 0;
const command = (pullNumber: number): PipelineJob => ({ installationId: 1, owner: "octo", repo: "shop", pullNumber, headSha: null, trigger: "command", deliveryId: `d-${++delivery}` });

describe("createRedisCommandRateLimiter", () => {
  it("counts the commands of every process against one pull-request limit, and says when the next one fits", async () => {
    const clock = { now: Date.parse("2026-01-01T00:00:00Z") };
    const [first, second] = [limiter("q1", clock), limiter("q1", clock)];
    const answers = [];
    for (const process of [first, second, first, second]) {
      answers.push(await process.admit(command(7)));
      clock.now += 60_000;
    }
    expect(answers.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    // The fourth, three minutes after the first, waits until the first leaves the hour.
    expect(answers[3]).toEqual({ allowed: false, scope: "pull request", retryAfterMs: HOUR - 3 * 60_000 });
    clock.now += HOUR - 4 * 60_000;
    expect(await second.admit(command(7))).toEqual({ allowed: true });
  });

  it("limits the repository across its pull requests; a refused command is not counted", async () => {
    const clock = { now: Date.parse("2026-02-01T00:00:00Z") };
    const [first, second] = [limiter("q2", clock), limiter("q2", clock)];
    const answers = [];
    for (const [process, pr] of [[first, 1], [second, 2], [first, 3], [second, 4], [first, 5]] as const) answers.push(await process.admit(command(pr)));
    expect(answers.map((answer) => answer.allowed)).toEqual([true, true, true, true, false]);
    expect(answers[4]).toEqual({ allowed: false, scope: "repository", retryAfterMs: HOUR });
    // Another queue's keys (another prefix) are apart.
    expect(await limiter("q3", clock).admit(command(1))).toEqual({ allowed: true });
  });
});
