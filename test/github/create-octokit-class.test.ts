import { afterEach, describe, expect, it } from "@jest/globals";
import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { Readable } from "node:stream";
import type { RateLimitWait } from "../../src/core/progress/describe-rate-limit-wait.js";
import type { RateLimitWaitEvents } from "../../src/github/bound-rate-limit-waits.js";
import { createOctokitClass, type OctokitClassOptions } from "../../src/github/create-octokit-class.js";
import { GitHubRateLimitError } from "../../src/github/github-rate-limit-error.js";
import { GitHubTimeoutError } from "../../src/github/github-timeout-error.js";
import { createRecordingLogger } from "../helpers/silent-logger.js";

const API = "https://api.github.com";
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });

afterEach(() => nock.cleanAll());

// What Probot hands a review: the installation client built from our class.
async function installationClient(observed: string[] = [], options: OctokitClassOptions = {}) {
  const probot = new Probot({
    appId: 1,
    privateKey,
    Octokit: createOctokitClass(({ method, route, status }) => observed.push(`${method} ${route} ${status}`), options) as unknown as typeof ProbotOctokit,
  });
  nock(API).post("/app/installations/7/access_tokens").reply(201, { token: "ghs_t", expires_at: new Date(Date.now() + 3_600_000).toISOString() });
  return probot.auth(7);
}

describe("createOctokitClass", () => {
  it("waits out GitHub's secondary rate limit and retries, on the installation clients Probot builds; the wait is logged and told", async () => {
    const log = createRecordingLogger();
    const octokit = await installationClient([], { log });
    const waits: RateLimitWait[] = [];
    (octokit as unknown as RateLimitWaitEvents).rateLimitWaits.listen((wait) => waits.push(wait));
    const before = Date.now();
    const scope = nock(API)
      .get("/repos/acme/shop/pulls/1")
      .reply(403, { message: "You have exceeded a secondary rate limit. Please wait a few seconds and try again." }, { "retry-after": "1" })
      .get("/repos/acme/shop/pulls/1")
      .reply(200, { number: 1 });

    const { data } = await octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { owner: "acme", repo: "shop", pull_number: 1 });

    expect(data).toEqual({ number: 1 });
    expect(scope.isDone()).toBe(true);
    expect(log.lines).toEqual([
      { level: "warn", obj: { route: "GET /repos/{owner}/{repo}/pulls/{pull_number}", waitSeconds: 1, retry: 1 }, msg: "GitHub rate limit: waiting before retrying" },
    ]);
    expect(waits).toEqual([{ seconds: 1, until: expect.any(Number) }]);
    expect(waits[0]!.until).toBeGreaterThanOrEqual(before + 1_000);
  }, 15_000);

  it("reports every call's route template and status, never a body", async () => {
    const observed: string[] = [];
    const octokit = await installationClient(observed);
    nock(API).get("/repos/acme/shop/pulls/1").reply(200, { number: 1, body: "secret code" });

    await octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { owner: "acme", repo: "shop", pull_number: 1 });

    expect(observed).toContain("GET /repos/{owner}/{repo}/pulls/{pull_number} 200");
    expect(observed.join()).not.toContain("secret code");
  });
});

/** A body that sends `start` and then nothing more, without ending. */
function stalledAfter(start: string): Readable {
  const body = new Readable({ read() {} });
  body.push(start);
  return body;
}

// A fault GitHub can show a review: no answer, half an answer, or a rate limit an hour long.
describe("createOctokitClass: faults that would hang a review", () => {
  const ROUTE = "/repos/acme/shop/pulls/1";
  const getPull = (octokit: Awaited<ReturnType<typeof installationClient>>) =>
    octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { owner: "acme", repo: "shop", pull_number: 1 }).then(
      () => undefined,
      (error: unknown) => error,
    );
  // Deadlines far above what an answered nock request needs; only the faulty request reaches them.
  const SHORT = { requestTime: { answerMs: 300, idleMs: 300 } };

  it("a route GitHub never answers fails at its deadline, once, naming the route template", async () => {
    const observed: string[] = [];
    const octokit = await installationClient(observed, SHORT);
    let asked = 0;
    nock(API).get(ROUTE).times(4).reply(() => {
      asked++;
      return new Promise(() => undefined) as never;
    });

    const error = await getPull(octokit);

    expect(error).toBeInstanceOf(GitHubTimeoutError);
    expect((error as Error).message).toBe("GitHub did not answer GET /repos/{owner}/{repo}/pulls/{pull_number} within 300 ms; try /review again later (if it persists, check the network between the app and GitHub)");
    // Not retried: the deadline has already waited long.
    expect(asked).toBe(1);
    // Counted as Octokit counts a dropped connection.
    expect(observed).toContain("GET /repos/{owner}/{repo}/pulls/{pull_number} 500");
  });

  it("an answer whose body stops arriving fails at the idle deadline rather than reading as empty", async () => {
    const octokit = await installationClient([], SHORT);
    nock(API).get(ROUTE).reply(200, () => stalledAfter('{"number": 1, "title": "'), { "content-type": "application/json" });

    const error = await getPull(octokit);

    expect(error).toBeInstanceOf(GitHubTimeoutError);
    expect((error as Error).message).toBe("GitHub stopped sending the answer to GET /repos/{owner}/{repo}/pulls/{pull_number} for 300 ms; try /review again later");
  });

  // GitHub's Date header is when it answered: "retry after" counts from there.
  const DATE = "Mon, 05 Jan 2026 14:00:00 GMT";
  const AN_HOUR_LATER = "2026-01-05 15:00:00 UTC";
  it.each([
    ["a 429 with Retry-After: 3600", 429, { "retry-after": "3600", date: DATE }, { message: "You have exceeded a secondary rate limit." }],
    ["a 403 whose primary limit resets an hour away", 403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Date.parse(DATE) / 1000 + 3600), date: DATE }, { message: "API rate limit exceeded for installation ID 7." }],
  ])("%s ends the request at once with the time to retry, and is not retried", async (_name, status, headers, body) => {
    const log = createRecordingLogger();
    const octokit = await installationClient([], { log });
    const scope = nock(API).get(ROUTE).reply(status, body, headers);

    const error = await getPull(octokit);

    expect(error).toBeInstanceOf(GitHubRateLimitError);
    expect((error as GitHubRateLimitError).retryAt).toBe(Date.parse(DATE) + 3_600_000);
    expect((error as Error).message).toBe(`GitHub's rate limit holds the app's requests (GET /repos/{owner}/{repo}/pulls/{pull_number}) until ${AN_HOUR_LATER}; comment /review after then to try again`);
    expect(scope.isDone()).toBe(true);
    expect(log.lines).toEqual([
      { level: "warn", obj: { route: "GET /repos/{owner}/{repo}/pulls/{pull_number}", status, waitSeconds: 3600 }, msg: "GitHub rate limit: the wait is too long to take, the request fails" },
    ]);
  });

  it("a 403 that is not a rate limit stays GitHub's 403", async () => {
    const octokit = await installationClient();
    nock(API).get(ROUTE).reply(403, { message: "Resource not accessible by integration" }, { "x-ratelimit-remaining": "4999", "x-ratelimit-reset": "1767628800" });

    expect(await getPull(octokit)).toMatchObject({ name: "HttpError", status: 403 });
  });
});
