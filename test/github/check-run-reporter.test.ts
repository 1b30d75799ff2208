import { afterEach, describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import nock from "nock";
import type { CheckRunUpdate } from "../../src/core/progress/check-run-update.js";
import { createCheckRunReporter } from "../../src/github/check-run-reporter.js";
import { createRecordingLogger } from "../helpers/silent-logger.js";

const API = "https://api.github.com";
const REF = { owner: "acme", repo: "shop" };
const SHA = "c".repeat(40);
const RUNS = "/repos/acme/shop/check-runs";
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const octokit = () => new Octokit({ baseUrl: API, request: { retries: 0 }, log: quiet });

const progress = (done: number): CheckRunUpdate => ({ status: "in_progress", title: `Reviewing 2 files: ${done} of 3 model requests done`, summary: `Files read: 2. Model requests done: ${done} of 3.` });
const DONE: CheckRunUpdate = { status: "completed", conclusion: "neutral", title: "1 finding: 1 🟡 Minor", summary: "This review reported 1 finding: 1 🟡 Minor.", detailsUrl: "https://github.com/acme/shop/pull/7#pullrequestreview-9" };
const ALREADY: CheckRunUpdate = { status: "completed", conclusion: "skipped", title: "Not reviewed: this commit already has a Patchwise review", summary: "Not reviewed.", keepEarlierResult: true };

afterEach(() => {
  nock.cleanAll();
});

describe("createCheckRunReporter", () => {
  it("moves the run shown when the job was accepted to in progress, then to its conclusion with a link to the review", async () => {
    const scope = nock(API)
      .patch(`${RUNS}/55`, { status: "in_progress", output: { title: "Reviewing 2 files: 0 of 3 model requests done", summary: "Files read: 2. Model requests done: 0 of 3." } })
      .reply(200, { id: 55 })
      .patch(`${RUNS}/55`, { status: "completed", conclusion: "neutral", output: { title: DONE.title, summary: DONE.summary }, details_url: "https://github.com/acme/shop/pull/7#pullrequestreview-9" })
      .reply(200, { id: 55 });
    const reporter = createCheckRunReporter(octokit(), REF, { log: createRecordingLogger(), accepted: Promise.resolve({ id: 55 }) });

    void reporter.report(SHA, progress(0));
    await reporter.report(SHA, DONE);

    expect(scope.isDone()).toBe(true);
  });

  it("as the last guard, makes inert a bot command in the title or summary (a failure's reason, say)", async () => {
    const failed: CheckRunUpdate = { status: "completed", conclusion: "neutral", title: "@dependabot merge", summary: "The review failed at validating the model's answer: bad key\n/lgtm." };
    const scope = nock(API)
      .patch(`${RUNS}/55`, { status: "completed", conclusion: "neutral", output: { title: "@\u200Bdependabot merge", summary: "The review failed at validating the model's answer: bad key\n\u200B/lgtm." } })
      .reply(200, { id: 55 });
    const reporter = createCheckRunReporter(octokit(), REF, { log: createRecordingLogger(), accepted: Promise.resolve({ id: 55 }) });

    await reporter.report(SHA, failed);

    expect(scope.isDone()).toBe(true);
  });

  it("creates the run in progress when none was shown (a /review command), and concludes that run", async () => {
    const scope = nock(API)
      .post(RUNS, { name: "Patchwise review", head_sha: SHA, external_id: "delivery-2", status: "in_progress", output: { title: "Reviewing 2 files: 0 of 3 model requests done", summary: "Files read: 2. Model requests done: 0 of 3." } })
      .reply(201, { id: 77 })
      .patch(`${RUNS}/77`, (body) => body.status === "completed")
      .reply(200, { id: 77 });
    const reporter = createCheckRunReporter(octokit(), REF, { log: createRecordingLogger(), externalId: "delivery-2" });

    void reporter.report(SHA, progress(0));
    await reporter.report(SHA, DONE);

    expect(scope.isDone()).toBe(true);
  });

  it("creates its own run with the job's external id when no queued run was shown for the job (its review started first)", async () => {
    const scope = nock(API)
      .post(RUNS, (body) => body.external_id === "delivery-1" && body.head_sha === SHA && body.status === "completed")
      .reply(201, { id: 41 });
    const reporter = createCheckRunReporter(octokit(), REF, { log: createRecordingLogger(), accepted: Promise.resolve(null), externalId: "delivery-1" });

    await reporter.report(SHA, DONE);

    expect(scope.isDone()).toBe(true);
  });

  it("without the job's external id, creates its run with one of its own", async () => {
    const sent: string[] = [];
    nock(API)
      .post(RUNS, (body) => Boolean(sent.push(body.external_id)))
      .times(2)
      .reply(201, { id: 78 });

    await createCheckRunReporter(octokit(), REF, { log: createRecordingLogger() }).report(SHA, DONE);
    await createCheckRunReporter(octokit(), REF, { log: createRecordingLogger() }).report(SHA, DONE);

    expect(sent).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/), expect.stringMatching(/^[0-9a-f-]{36}$/)]);
    expect(sent[0]).not.toBe(sent[1]);
  });

  it("a create answered 502 that GitHub carried out: the run is found by its external id and concluded, not created again", async () => {
    const scope = nock(API)
      .post(RUNS, (body) => body.external_id === "delivery-1" && body.status === "in_progress")
      .reply(502, { message: "Bad Gateway" })
      .get(`/repos/acme/shop/commits/${SHA}/check-runs`)
      .query({ check_name: "Patchwise review", filter: "all", per_page: "100" })
      .reply(200, {
        total_count: 2,
        check_runs: [
          { id: 30, external_id: "delivery-0", status: "completed", conclusion: "success" },
          { id: 42, external_id: "delivery-1", status: "in_progress", conclusion: null },
        ],
      })
      .patch(`${RUNS}/42`, (body) => body.status === "completed" && body.conclusion === "neutral")
      .reply(200, { id: 42 });
    const reporter = createCheckRunReporter(octokit(), REF, { log: createRecordingLogger(), externalId: "delivery-1", retryDelayMs: 0 });

    void reporter.report(SHA, progress(0));
    await reporter.report(SHA, DONE);

    expect(scope.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("a create answered 502 that left no run is sent once more", async () => {
    const scope = nock(API)
      .post(RUNS, (body) => body.external_id === "delivery-1")
      .reply(502)
      .get(`/repos/acme/shop/commits/${SHA}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] })
      .post(RUNS, (body) => body.external_id === "delivery-1" && body.status === "completed")
      .reply(201, { id: 43 });
    const reporter = createCheckRunReporter(octokit(), REF, { log: createRecordingLogger(), externalId: "delivery-1", retryDelayMs: 0 });

    await reporter.report(SHA, DONE);

    expect(scope.isDone()).toBe(true);
  });

  it("when the pull request moved on before the review read it, closes the run of the older commit and shows one on the head reviewed", async () => {
    const older = "d".repeat(40);
    const scope = nock(API)
      .patch(`${RUNS}/55`, {
        status: "completed",
        conclusion: "skipped",
        output: { title: "Not reviewed: superseded by a newer commit of the pull request", summary: "Not reviewed: superseded by a newer commit of the pull request." },
      })
      .reply(200, { id: 55 })
      .post(RUNS, (body) => body.head_sha === SHA && body.status === "in_progress")
      .reply(201, { id: 56 })
      .patch(`${RUNS}/56`, (body) => body.status === "completed")
      .reply(200, { id: 56 });
    const reporter = createCheckRunReporter(octokit(), REF, { log: createRecordingLogger(), accepted: Promise.resolve({ id: 55 }), acceptedFor: older });

    void reporter.report(SHA, progress(0));
    await reporter.report(SHA, DONE);

    expect(scope.isDone()).toBe(true);
  });

  it("sends one progress update at a time: one still waiting takes the newest text", async () => {
    const sent: string[] = [];
    nock(API)
      .patch(`${RUNS}/55`, (body) => Boolean(sent.push(body.output.title)))
      .times(3)
      .reply(200, { id: 55 });
    const reporter = createCheckRunReporter(octokit(), REF, { log: createRecordingLogger(), accepted: Promise.resolve({ id: 55 }) });

    await reporter.report(SHA, progress(0));
    void reporter.report(SHA, progress(1));
    void reporter.report(SHA, progress(2));
    await reporter.report(SHA, DONE);

    expect(sent).toEqual(["Reviewing 2 files: 0 of 3 model requests done", "Reviewing 2 files: 2 of 3 model requests done", DONE.title]);
  });

  it("a refused call (no checks: write yet) is logged once, and the reporter makes no other call", async () => {
    const scope = nock(API).post(RUNS).reply(403, { message: "Resource not accessible by integration" });
    const log = createRecordingLogger();
    const reporter = createCheckRunReporter(octokit(), REF, { log, ids: { deliveryId: "d-1" } });

    void reporter.report(SHA, progress(0));
    void reporter.report(SHA, progress(1));
    await reporter.report(SHA, DONE);
    await reporter.report(SHA, DONE);

    expect(scope.isDone()).toBe(true);
    expect(log.lines).toEqual([
      {
        level: "warn",
        obj: { deliveryId: "d-1", action: "in_progress", status: 403, errorType: "HttpError" },
        msg: "check run not updated; the review goes on without one (does the App have the checks: write permission?)",
      },
    ]);
  });

  it("makes no call when the queued run could not be shown", async () => {
    const reporter = createCheckRunReporter(octokit(), REF, { log: createRecordingLogger(), accepted: Promise.resolve({ unavailable: true }) });

    await reporter.report(SHA, progress(0));
    await reporter.report(SHA, DONE);

    expect(nock.pendingMocks()).toEqual([]);
  });

  it("a commit already reviewed keeps the earlier run's result on the run this job showed", async () => {
    const scope = nock(API)
      .get(`/repos/acme/shop/commits/${SHA}/check-runs`)
      .query(true)
      .reply(200, {
        total_count: 2,
        check_runs: [
          { id: 56, status: "queued", conclusion: null, completed_at: null, output: { title: "Queued", summary: "" } },
          { id: 30, status: "completed", conclusion: "failure", completed_at: "2024-01-01T00:00:00Z", details_url: "https://github.com/acme/shop/pull/7#pullrequestreview-3", output: { title: "1 finding: 1 🔴 Critical · fail-on major: 🔴 Critical open", summary: "The earlier text." } },
        ],
      })
      .patch(`${RUNS}/56`, {
        status: "completed",
        conclusion: "failure",
        output: { title: "1 finding: 1 🔴 Critical · fail-on major: 🔴 Critical open", summary: "The earlier text." },
        details_url: "https://github.com/acme/shop/pull/7#pullrequestreview-3",
      })
      .reply(200, { id: 56 });
    const reporter = createCheckRunReporter(octokit(), REF, { log: createRecordingLogger(), accepted: Promise.resolve({ id: 56 }) });

    await reporter.report(SHA, ALREADY);

    expect(scope.isDone()).toBe(true);
  });

  it("a commit already reviewed with no run of this job's shows nothing new", async () => {
    const reporter = createCheckRunReporter(octokit(), REF, { log: createRecordingLogger() });

    await reporter.report(SHA, ALREADY);

    expect(nock.pendingMocks()).toEqual([]);
  });
});
