import { describe, expect, it } from "@jest/globals";
import nock from "nock";
import { EARLIER_SHA, expectExactlyTheListedCalls, patchwiseReview, stopAppAfterEach } from "./review-fixtures.js";
import { CHECK_RUN_ID, mockGitHub, mockModel, type GitHubMock } from "./mock-review-apis.js";
import { HEAD_SHA, issueCommentEvent, OWNER, PR_NUMBER, pullRequestEvent, REPO, startReviewApp, type ReviewApp } from "./start-review-app.js";

// Which changes a review sends, as the App decides it on real webhook payloads: after an earlier
// review, a push (or a plain /review) sends only the pull request's hunks that changed since the
// reviewed commit, found with GitHub's compare; a rewritten history, opening and `/review full`
// review the whole pull request. GitHub and the model are nock; each test lists every call.

const MARKER = "<!-- patchwise:summary -->";

// The pull request's diff now: greet() changed (reviewed before), and shout() added by the last push.
const GREET_HUNK = ["@@ -1,3 +1,5 @@", " export function greet(name) {", '-  return "Hello " + name;', "+  const trimmed = name.trim();", '+  const message = "Hello, " + trimmed', "+  return message;", " }"].join("\n");
const SHOUT_HUNK = ["@@ -10,3 +12,6 @@", " export function farewell(name) {", '   return "Bye " + name;', " }", "+export function shout(name) {", "+  return greet(name).toUpperCase()", "+}"].join("\n");
const PR_FILES = [{ sha: "b1", filename: "src/greet.js", status: "modified", additions: 6, deletions: 1, changes: 7, patch: `${GREET_HUNK}\n${SHOUT_HUNK}` }];
/** GitHub's compare of the earlier commit with the head: only shout() is new. */
const SINCE_EARLIER = { status: "ahead", ahead_by: 1, behind_by: 0, commits: [{ sha: HEAD_SHA }], files: [{ sha: "b1", filename: "src/greet.js", status: "modified", additions: 3, deletions: 0, changes: 3, patch: SHOUT_HUNK.replace("@@ -10,3", "@@ -12,3") }] };

/** The summary comment the earlier review left: one major finding, at the earlier commit. */
const EARLIER_SUMMARY = {
  id: 1001,
  user: { login: "patchwise[bot]", type: "Bot" },
  body: `${MARKER}\n## Patchwise review\n\nold text\n\n<!-- patchwise:state v1 sha=${EARLIER_SHA} reviews=1 critical=0 major=1 minor=0 nit=0 worst=major -->`,
};

const earlierReview = patchwiseReview(EARLIER_SHA);

const shoutFinding = { path: "src/greet.js", line: 14, startLine: null, side: "RIGHT", severity: "minor", category: "style", title: "Missing semicolon", body: "Add a semicolon.", suggestion: null };
const answer = (findings: object[]) => ({ summary: "Adds shout().", walkthrough: [{ path: "src/greet.js", change: "adds shout()" }], findings });
const REVIEW_URL = `https://github.com/${OWNER}/${REPO}/pull/${PR_NUMBER}#pullrequestreview-80`;

let app: ReviewApp | undefined;
stopAppAfterEach(() => app);


const userMessage = (request: Record<string, any>) => (request.messages as Array<{ role: string; content: string }>).find((message) => message.role === "user")!.content;
const lastCheckRunBody = (github: GitHubMock) => github.checkRunCalls.at(-1)?.body;

/** A push after the earlier review: the check run and the reads before the compare, with the config given. */
function pushAfterReview(config: string | null, { checkRunUpdates = 2, tarball = true } = {}): GitHubMock {
  return mockGitHub()
    .acceptsCheckRun(checkRunUpdates)
    .listsReviews([earlierReview])
    .readsConfig(config)
    .servesPullRequest(HEAD_SHA, PR_FILES, { tarball })
    .listsComments([EARLIER_SUMMARY]);
}

describe("a push after a review", () => {
  it("sends only the hunk changed since the reviewed commit, posts only its finding, and keeps the earlier totals", async () => {
    app = await startReviewApp("openai");
    const github = pushAfterReview("failOn: major\n").compares(EARLIER_SHA, HEAD_SHA, 200, SINCE_EARLIER).listsReviewComments([]).acceptsReview().acceptsSummaryEdit(1001);
    const model = mockModel("openai", [{ answer: answer([shoutFinding]) }]);

    await app.deliver("pull_request", pullRequestEvent("synchronize"));

    const prompt = userMessage(model.requests[0]!);
    expect(prompt).toContain("+   return greet(name).toUpperCase()");
    expect(prompt).not.toContain("const trimmed");
    expect(github.sentReview).toMatchObject({ commit_id: HEAD_SHA, event: "COMMENT", comments: [expect.objectContaining({ path: "src/greet.js", line: 14, side: "RIGHT" })] });
    expect((github.sentReview?.comments as unknown[]).length).toBe(1);
    const summary = github.sentSummary?.body.body ?? "";
    expect(summary).toMatch(new RegExp(`^${MARKER}\n## Patchwise review\n\nReviewed changes \`f95f852\\.\\.ec26c3e\` \\(incremental: 1 of 1 changed file, 1 of 2 hunks\\); earlier reviews: 1 finding \\(1 🟠 Major\\)\\.\n\n### Summary\n`));
    expect(summary.endsWith(`\n\n<!-- patchwise:state v1 sha=${HEAD_SHA} reviews=2 critical=0 major=1 minor=1 nit=0 worst=major -->`)).toBe(true);
    // failOn: major, and the earlier major finding was not looked at again: the check fails.
    expect(lastCheckRunBody(github)).toEqual({
      status: "completed",
      conclusion: "failure",
      output: {
        title: "1 finding: 1 🟡 Minor · fail-on major: 🟠 Major open",
        summary: [
          "Reviewed changes `f95f852..ec26c3e` (incremental: 1 of 1 changed file, 1 of 2 hunks); earlier reviews: 1 finding (1 🟠 Major).",
          "This review reported 1 finding: 1 🟡 Minor.",
          "This check fails at `major` or worse (`failOn` in `.github/patchwise.yml`, or the Action's `fail-on`), and a 🟠 Major finding is open. " +
            "A review of later pushes looks only at what changed, so it cannot clear an earlier finding: once it is fixed, comment `/review full`.",
          `[Open the review](${REVIEW_URL}); the summary comment on the pull request lists every finding.`,
        ].join("\n\n"),
      },
      details_url: REVIEW_URL,
    });
    expect(github.checkRunCalls[1]?.body).toEqual({
      status: "in_progress",
      output: { title: "Reviewing 1 file: 0 of 1 model request done", summary: "Files read: 1 with changes since `f95f852`. Model requests done: 0 of 1." },
    });
    expectExactlyTheListedCalls(app);
  });

  it.each([
    ["a force-push that rewrote the history (compare: diverged)", 200, { status: "diverged", ahead_by: 2, behind_by: 1, commits: [], files: [] }, "the branch's history changed since the last review at `f95f852`, by a force-push or rebase"],
    ["a force-push that dropped the reviewed commit (compare: 404)", 404, { message: "Not Found" }, "the last reviewed commit `f95f852` is no longer in the repository"],
  ])("%s falls back to a full review", async (_name, status, body, why) => {
    app = await startReviewApp("openai");
    const github = pushAfterReview(null).compares(EARLIER_SHA, HEAD_SHA, status, body).listsReviewComments([]).acceptsReview().acceptsSummaryEdit(1001);
    const model = mockModel("openai", [{ answer: answer([shoutFinding]) }]);

    await app.deliver("pull_request", pullRequestEvent("synchronize"));

    const prompt = userMessage(model.requests[0]!);
    expect(prompt).toContain("const trimmed");
    expect(prompt).toContain("toUpperCase");
    expect(github.sentSummary?.body.body).toContain(`Reviewed the whole pull request at \`ec26c3e\` (full: ${why}); earlier reviews: 1 finding (1 🟠 Major).`);
    // A full review decides what is open afresh.
    expect(github.sentSummary?.body.body).toContain(`<!-- patchwise:state v1 sha=${HEAD_SHA} reviews=2 critical=0 major=1 minor=1 nit=0 worst=minor -->`);
    expect(lastCheckRunBody(github)).toMatchObject({ status: "completed", conclusion: "neutral" });
    expectExactlyTheListedCalls(app);
  });

  it("that touched no line of the pull request's diff (a merge of the base branch) asks the model nothing and posts nothing", async () => {
    app = await startReviewApp("openai");
    const mergedBase = { ...SINCE_EARLIER, files: [{ sha: "r1", filename: "README.md", status: "modified", additions: 1, deletions: 0, changes: 1, patch: "@@ -1 +1,2 @@\n # Hello\n+More." }] };
    // No repository read either: there is nothing to find related code for.
    const github = pushAfterReview(null, { checkRunUpdates: 1, tarball: false }).compares(EARLIER_SHA, HEAD_SHA, 200, mergedBase);

    await app.deliver("pull_request", pullRequestEvent("synchronize"));

    expect(app.logs).toContainEqual(expect.objectContaining({ msg: "review skipped", reason: "nothing in the pull request's diff changed since the last review" }));
    expect(github.sentReview).toBeUndefined();
    expect(github.sentSummary).toBeUndefined();
    // The queued run goes straight to its result: nothing new, and no failOn here.
    expect(github.checkRunCalls.map(({ method, body }) => [method, body.status])).toEqual([
      ["POST", "queued"],
      ["PATCH", "completed"],
    ]);
    expect(lastCheckRunBody(github)).toEqual({
      status: "completed",
      conclusion: "success",
      output: {
        title: "Nothing new to review",
        summary:
          "Reviewed changes `f95f852..ec26c3e` (incremental: 0 of 1 changed file, 0 of 2 hunks); earlier reviews: 1 finding (1 🟠 Major).\n\n" +
          "No line of the pull request's diff changed since the last review, so no new review was posted.",
      },
    });
    expectExactlyTheListedCalls(app);
  });
});

describe("/review after a review", () => {
  it("/review full reviews the whole pull request again, without comparing", async () => {
    app = await startReviewApp("openai");
    const payload = issueCommentEvent("/review full", { onPullRequest: true });
    const github = mockGitHub()
      .mayCheckPermission("Codertocat", "write")
      .acceptsReaction(payload.comment.id)
      .acceptsCheckRun(1)
      .readsConfig(null)
      .servesPullRequest(HEAD_SHA, PR_FILES)
      .listsComments([EARLIER_SUMMARY])
      .listsReviewComments([])
      .acceptsReview()
      .acceptsSummaryEdit(1001);
    const model = mockModel("openai", [{ answer: answer([shoutFinding]) }]);

    await app.deliver("issue_comment", payload);

    expect(github.reactions).toEqual([{ commentId: payload.comment.id, body: { content: "eyes" } }]);
    const prompt = userMessage(model.requests[0]!);
    expect(prompt).toContain("const trimmed");
    expect(prompt).toContain("toUpperCase");
    expect(github.sentSummary?.body.body).toContain("Reviewed the whole pull request at `ec26c3e` (full, as `/review full` asked); earlier reviews: 1 finding (1 🟠 Major).");
    expect(github.checkRunCalls.map(({ method, path, body }) => [method, path, body.status])).toEqual([
      ["POST", `/repos/${OWNER}/${REPO}/check-runs`, "in_progress"],
      ["PATCH", `/repos/${OWNER}/${REPO}/check-runs/${CHECK_RUN_ID}`, "completed"],
    ]);
    expectExactlyTheListedCalls(app);
  });

  it("/review without full after a review of an older commit reviews only what changed since", async () => {
    app = await startReviewApp("openai");
    const payload = issueCommentEvent("/review", { onPullRequest: true });
    const github = mockGitHub()
      .mayCheckPermission("Codertocat", "write")
      .acceptsReaction(payload.comment.id)
      .acceptsCheckRun(1)
      .readsConfig(null)
      .servesPullRequest(HEAD_SHA, PR_FILES)
      .listsComments([EARLIER_SUMMARY])
      .listsReviews([earlierReview])
      .compares(EARLIER_SHA, HEAD_SHA, 200, SINCE_EARLIER)
      .listsReviewComments([])
      .acceptsReview()
      .acceptsSummaryEdit(1001);
    const model = mockModel("openai", [{ answer: answer([]) }]);

    await app.deliver("issue_comment", payload);

    expect(userMessage(model.requests[0]!)).not.toContain("const trimmed");
    expect(github.sentSummary?.body.body).toContain("Reviewed changes `f95f852..ec26c3e` (incremental: 1 of 1 changed file, 1 of 2 hunks)");
    expect(lastCheckRunBody(github)).toMatchObject({ conclusion: "success", output: { title: "No findings" } });
    expectExactlyTheListedCalls(app);
  });
});
