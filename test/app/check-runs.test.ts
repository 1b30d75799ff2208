import { describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { stopAppAfterEach } from "./review-fixtures.js";
import { createCheckRunHandover } from "../../src/app/hand-over-check-runs.js";
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

describe("createCheckRunHandover", () => {
  const API = "https://api.github.com";
  const RUNS = `/repos/${OWNER}/${REPO}/check-runs`;
  const octokit = () => new Octokit({ baseUrl: API, request: { retries: 0 } });
  const job = (deliveryId: string, headSha: string): PipelineJob => ({ installationId: 1, owner: OWNER, repo: REPO, pullNumber: PR_NUMBER, headSha, trigger: "synchronize", deliveryId });

  it("hands the queued run to the review of that job; a push that replaces a waiting job closes the older run as skipped", async () => {
    const created: unknown[] = [];
    const scope = nock(API)
      .post(RUNS, (body) => Boolean(created.push(body)))
      .times(2)
      .reply(201, (_uri, body) => ({ id: (body as { external_id: string }).external_id === "d-1" ? 1 : 2 }))
      .patch(`${RUNS}/1`, {
        status: "completed",
        conclusion: "skipped",
        output: { title: "Not reviewed: superseded by a newer commit of the pull request", summary: "Not reviewed: superseded by a newer commit of the pull request." },
      })
      .reply(200, { id: 1 });
    const handover = createCheckRunHandover();
    const log = createRecordingLogger();

    handover.accepted(octokit(), job("d-1", "a".repeat(40)), "queued", log);
    handover.accepted(octokit(), job("d-2", "b".repeat(40)), "replaced", log);

    expect(handover.claim(job("d-1", "a".repeat(40)))).toBeUndefined();
    await expect(handover.claim(job("d-2", "b".repeat(40)))).resolves.toEqual({ id: 2 });
    // Claimed once: a second claim (another process's job) finds nothing.
    expect(handover.claim(job("d-2", "b".repeat(40)))).toBeUndefined();
    // The older run is closed once GitHub has created it.
    for (let i = 0; i < 50 && !scope.isDone(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(created).toEqual(
      expect.arrayContaining([expect.objectContaining({ head_sha: "a".repeat(40), status: "queued", external_id: "d-1" }), expect.objectContaining({ head_sha: "b".repeat(40), status: "queued", external_id: "d-2" })]),
    );
    expect(scope.isDone()).toBe(true);
  });

  it("shows nothing for a duplicate, a refused job or a /review command", () => {
    const handover = createCheckRunHandover();
    const log = createRecordingLogger();

    handover.accepted(octokit(), job("d-1", "a".repeat(40)), "duplicate", log);
    handover.accepted(octokit(), job("d-2", "a".repeat(40)), "full", log);
    handover.accepted(octokit(), { ...job("d-3", "a".repeat(40)), trigger: "command", headSha: null }, "queued", log);

    expect(nock.pendingMocks()).toEqual([]);
    expect(handover.claim(job("d-1", "a".repeat(40)))).toBeUndefined();
  });
});
