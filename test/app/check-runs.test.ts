import { describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { stopAppAfterEach } from "./review-fixtures.js";
import { NO_OTHER_PROCESS } from "../../src/app/check-run-claims.js";
import { createQueuedCheckRuns } from "../../src/app/queued-check-runs.js";
import type { GitHubClient } from "../../src/github/github-client.js";
import type { PipelineJob } from "../../src/pipeline/review-pull-request.js";
import { createRecordingLogger } from "../helpers/silent-logger.js";
import { mockGitHub, mockModel } from "./mock-review-apis.js";
import { HEAD_SHA, OWNER, PR_NUMBER, pullRequestEvent, REPO, startReviewApp, type ReviewApp } from "./start-review-app.js";

// The check run is a courtesy: a checks API that refuses (before the installation accepts the new
// `checks: write` permission) costs one log line and nothing else.

let app: ReviewApp | undefined;
stopAppAfterEach(() => app);

describe("check runs refused by GitHub", () => {
  it("a 403 on the queued check run is logged once; the review is posted as before, with no other checks call", async () => {
    app = await startReviewApp("openai");
    const github = mockGitHub().refusesCheckRuns().listsReviews([]).readsConfig(null).servesPullRequest(HEAD_SHA).acceptsReview().listsComments([]).acceptsNewSummary();
    mockModel("openai", [{ answer: { summary: "Fine.", walkthrough: [], findings: [] } }]);

    await app.deliver("pull_request", pullRequestEvent("opened"), "delivery-403");

    expect(github.sentReview).toMatchObject({ commit_id: HEAD_SHA, event: "COMMENT" });
    expect(github.sentSummary?.method).toBe("POST");
    expect(github.checkRunCalls).toHaveLength(1);
    expect(app.logs.filter((line) => String(line.msg).startsWith("check run not"))).toEqual([
      expect.objectContaining({ level: 40, deliveryId: "delivery-403", action: "queued", status: 403, msg: "check run not created; the review goes on without one (does the App have the checks: write permission?)" }),
    ]);
    expect(app.unexpectedRequests).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe("createQueuedCheckRuns", () => {
  const API = "https://api.github.com";
  const RUNS = `/repos/${OWNER}/${REPO}/check-runs`;
  const octokit = new Octokit({ baseUrl: API, request: { retries: 0 } });
  const job = (deliveryId: string, headSha: string): PipelineJob => ({ installationId: 1, owner: OWNER, repo: REPO, pullNumber: PR_NUMBER, headSha, trigger: "synchronize", deliveryId });
  const SKIPPED = {
    status: "completed",
    conclusion: "skipped",
    output: { title: "Not reviewed: superseded by a newer commit of the pull request", summary: "Not reviewed: superseded by a newer commit of the pull request." },
  };
  const poster = (delayMs = 0) => {
    const auths: number[] = [];
    const runs = createQueuedCheckRuns({ claims: NO_OTHER_PROCESS, delayMs, auth: async (id) => (auths.push(id), octokit as unknown as GitHubClient), log: createRecordingLogger() });
    return { runs, auths };
  };
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 100 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  it("hands the queued run to the review of that job; a push that replaces a waiting job closes the older run as skipped", async () => {
    const created: unknown[] = [];
    const scope = nock(API)
      .post(RUNS, (body) => Boolean(created.push(body)))
      .times(2)
      .reply(201, (_uri, body) => ({ id: (body as { external_id: string }).external_id === "d-1" ? 1 : 2 }))
      .patch(`${RUNS}/1`, SKIPPED)
      .reply(200, { id: 1 });
    const { runs } = poster();

    runs.accepted(job("d-1", "a".repeat(40)), "queued");
    runs.superseded(job("d-1", "a".repeat(40)));
    runs.accepted(job("d-2", "b".repeat(40)), "replaced");

    await expect(runs.take(job("d-2", "b".repeat(40)))).resolves.toEqual({ id: 2 });
    // Taken once: a second take (a retried job) finds none, and its review shows its own.
    await expect(runs.take(job("d-2", "b".repeat(40)))).resolves.toBeNull();
    await until(() => scope.isDone());
    expect(created).toEqual([
      expect.objectContaining({ head_sha: "a".repeat(40), status: "queued", external_id: "d-1" }),
      expect.objectContaining({ head_sha: "b".repeat(40), status: "queued", external_id: "d-2" }),
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it("closes the queued run of a job that shutdown dropped as not reviewed, saying the app was stopped, and resolves once it is closed", async () => {
    const stopped = "Not reviewed: the app was stopped before this commit's review started; a new push or `/review` will review the pull request";
    const scope = nock(API)
      .post(RUNS)
      .reply(201, { id: 3 })
      .patch(`${RUNS}/3`, { status: "completed", conclusion: "skipped", output: { title: stopped, summary: `${stopped}.` } })
      .reply(200, { id: 3 });
    const { runs } = poster();
    const waiting = job("d-3", "c".repeat(40));

    runs.accepted(waiting, "queued");
    await until(() => scope.pendingMocks().length === 1);
    await runs.dropped(waiting);

    expect(scope.isDone()).toBe(true);
  });

  it("shows nothing for a duplicate, a refused job or a /review command", async () => {
    const { runs, auths } = poster();

    runs.accepted(job("d-1", "a".repeat(40)), "duplicate");
    runs.accepted(job("d-2", "a".repeat(40)), "full");
    runs.accepted({ ...job("d-3", "a".repeat(40)), trigger: "command", headSha: null }, "queued");

    await expect(runs.take(job("d-1", "a".repeat(40)))).resolves.toBeNull();
    expect(auths).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("in a burst, creates two runs at a time and keeps the rest as references; a review that starts first shows its own, and that run is never posted", async () => {
    const created: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    nock(API)
      .post(RUNS, (body) => Boolean(created.push((body as { external_id: string }).external_id)))
      .times(3)
      .reply(201, async (_uri, body) => {
        await gate;
        return { id: Number((body as { external_id: string }).external_id.slice(2)) };
      });
    const { runs } = poster();
    const burst = Array.from({ length: 4 }, (_, i) => job(`d-${i + 1}`, String(i + 1).repeat(40)));

    for (const each of burst) runs.accepted(each, "queued");
    await until(() => created.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(created).toEqual(["d-1", "d-2"]);
    // The fourth job's review starts before its turn: no queued run will be posted for it.
    await expect(runs.take(burst[3]!)).resolves.toBeNull();
    release();
    await expect(runs.take(burst[0]!)).resolves.toEqual({ id: 1 });
    await expect(runs.take(burst[2]!)).resolves.toEqual({ id: 3 });
    expect(created).toEqual(["d-1", "d-2", "d-3"]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("posts no queued run for a job whose review starts within the delay (one write fewer); a job still waiting after it gets one", async () => {
    const created: string[] = [];
    nock(API)
      .post(RUNS, (body) => Boolean(created.push((body as { external_id: string }).external_id)))
      .reply(201, { id: 9 });
    const { runs } = poster(150);

    runs.accepted(job("d-1", "a".repeat(40)), "queued");
    runs.accepted(job("d-2", "b".repeat(40)), "queued");
    await expect(runs.take(job("d-1", "a".repeat(40)))).resolves.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(created).toEqual([]);
    await until(() => created.length === 1);

    expect(created).toEqual(["d-2"]);
    await expect(runs.take(job("d-2", "b".repeat(40)))).resolves.toEqual({ id: 9 });
  });
});
