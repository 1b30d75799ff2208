import { describe, expect, it } from "@jest/globals";
import nock from "nock";
import { crashFinding as crashFindingOf, patchwiseReview, stopAppAfterEach } from "./review-fixtures.js";
import { fingerprintFinding, renderFingerprintMarker } from "../../src/core/findings/fingerprint-finding.js";
import type { Finding } from "../../src/core/types.js";
import { BOT_LOGIN, mockGitHub, mockModel } from "./mock-review-apis.js";
import { GITHUB_API, HEAD_SHA, OWNER, PR_NUMBER, pullRequestEvent, REPO, startReviewApp, type ReviewApp } from "./start-review-app.js";

// 👍/👎 on Patchwise's earlier inline comments: read from GitHub when the next review runs,
// shown in the summary and counted in the metrics by category and severity. Nothing is stored.

const crashFinding = crashFindingOf();
const semicolonFinding = {
  path: "src/greet.js",
  line: 4,
  startLine: 3,
  side: "RIGHT",
  severity: "minor",
  category: "style",
  title: "Missing semicolon",
  body: "Every other statement in the file ends with a semicolon.",
  suggestion: null,
} as const;
const review = (findings: object[]) => ({ summary: "Trims the name.", walkthrough: [{ path: "src/greet.js", change: "Trims the name." }], findings });

/** The fingerprint an earlier Patchwise comment on `semicolonFinding` carries (lines 3-4 of src/greet.js after the change). */
const SEMICOLON_MARKER = renderFingerprintMarker(fingerprintFinding(semicolonFinding as Finding, '  const message = "Hello, " + trimmed\n  return message;'));

/** A review comment as `GET /repos/{o}/{r}/pulls/{n}/comments` lists it, with GitHub's reaction rollup. */
function reviewComment(id: number, login: string, body: string, line: number, reactions: { "+1": number; "-1": number }) {
  return {
    id,
    pull_request_review_id: 79,
    path: "src/greet.js",
    line,
    original_line: line,
    side: "RIGHT",
    commit_id: EARLIER_SHA,
    user: { login, type: login.endsWith("[bot]") ? "Bot" : "User" },
    body,
    html_url: `https://github.com/${OWNER}/${REPO}/pull/${PR_NUMBER}#discussion_r${id}`,
    reactions: { url: `${GITHUB_API}/repos/${OWNER}/${REPO}/pulls/comments/${id}/reactions`, total_count: reactions["+1"] + reactions["-1"], ...reactions, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 1 },
  };
}

/** The earlier Patchwise review (of the previous push) that holds those comments. */
const EARLIER_SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
const EARLIER_REVIEW = patchwiseReview(EARLIER_SHA);

const EARLIER_COMMENTS = [
  // Liked three times: a bug Patchwise found on the previous push.
  reviewComment(11, BOT_LOGIN, "**🟠 Major · bug** — Greeting drops the name\n\nThe name is never used.\n\n<!-- patchwise:fp v1 00112233aabbccdd -->", 2, { "+1": 3, "-1": 0 }),
  // Disliked twice: the semicolon nit, which must not come back either.
  reviewComment(12, BOT_LOGIN, `**🟡 Minor · style** — Missing semicolon\n\nEvery other statement in the file ends with a semicolon.\n\n${SEMICOLON_MARKER}`, 4, { "+1": 0, "-1": 2 }),
  // A person's comment that copies our heading and marker: not ours, so neither counted nor hiding anything.
  reviewComment(13, "octocat", "**🔴 Critical · security** — fake\n\n<!-- patchwise:fp v1 ffffffffffffffff -->", 2, { "+1": 9, "-1": 9 }),
];

let app: ReviewApp | undefined;
stopAppAfterEach(() => app);

describe("feedback on earlier comments", () => {
  it("counts 👍/👎 on Patchwise's own comments by category and severity in the summary and the metrics; a 👎 finding is not posted again", async () => {
    app = await startReviewApp("openai");
    const github = mockGitHub().acceptsCheckRun(2).listsReviews([EARLIER_REVIEW]).readsConfig(null).servesPullRequest(HEAD_SHA).listsReviewComments(EARLIER_COMMENTS).acceptsReview().listsComments([]).acceptsNewSummary();
    mockModel("openai", [{ answer: review([crashFinding, semicolonFinding]) }]);

    await app.deliver("pull_request", pullRequestEvent("synchronize"));

    expect(github.sentReview?.comments).toEqual([expect.objectContaining({ path: "src/greet.js", line: 2, body: expect.stringMatching(/^\*\*🟠 Major · bug\*\* — Crashes when name is undefined/) })]);
    const summary = github.sentSummary?.body.body ?? "";
    expect(summary).toContain("Also: 1 already reported in an earlier review (or resolved or dismissed) and not repeated.");
    expect(summary).toMatch(/\n\n💬 Feedback on earlier comments: 👍 3 · 👎 2 \(style\/minor: 👎 2; bug\/major: 👍 3\)\n\n<sub>Model /);

    const metrics = await app.metrics.registry.getSingleMetricAsString("patchwise_feedback_reactions_total");
    expect(metrics.split("\n").filter((line) => line.startsWith("patchwise_feedback_reactions_total{")).sort()).toEqual([
      'patchwise_feedback_reactions_total{reaction="+1",category="bug",severity="major"} 3',
      'patchwise_feedback_reactions_total{reaction="-1",category="style",severity="minor"} 2',
    ]);
    // Labels name our categories and severities only: no repository, user or comment text.
    expect(metrics).not.toMatch(/octocat|Hello-World|Codertocat|semicolon/i);
    expect(app.unexpectedRequests).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("says nothing about feedback when nobody reacted", async () => {
    app = await startReviewApp("openai");
    const quiet = EARLIER_COMMENTS.slice(0, 2).map((comment) => ({ ...comment, reactions: { ...comment.reactions, "+1": 0, "-1": 0, total_count: 0 } }));
    const github = mockGitHub().acceptsCheckRun(2).listsReviews([EARLIER_REVIEW]).readsConfig(null).servesPullRequest(HEAD_SHA).listsReviewComments(quiet).acceptsReview().listsComments([]).acceptsNewSummary();
    mockModel("openai", [{ answer: review([crashFinding]) }]);

    await app.deliver("pull_request", pullRequestEvent("synchronize"));

    expect(github.sentSummary?.body.body).not.toContain("Feedback on earlier comments");
    expect(await app.metrics.registry.getSingleMetricAsString("patchwise_feedback_reactions_total")).not.toContain("patchwise_feedback_reactions_total{");
    expect(app.unexpectedRequests).toEqual([]);
  });
});
