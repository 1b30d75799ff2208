import { describe, expect, it } from "@jest/globals";
import nock from "nock";
import { crashFinding as crashFindingOf, EARLIER_SHA, expectExactlyTheListedCalls, patchwiseReview, stopAppAfterEach } from "./review-fixtures.js";
import { buildReviewJsonSchema } from "../../src/core/review/review-schema.js";
import type { ModelProviderName } from "../../src/providers/model-error.js";
import { loadWebhookExample } from "../helpers/webhook-examples.js";
import { CHECK_RUN_ID, mockGitHub, mockModel } from "./mock-review-apis.js";
import { HEAD_SHA, issueCommentEvent, OWNER, PR_NUMBER, pullRequestEvent, REPO, startReviewApp, type ReviewApp } from "./start-review-app.js";

// Real webhook payloads delivered to the App; GitHub and the model provider are nock on their
// public hosts. Each test lists every call it expects: any other call fails it.

const PROVIDERS: ModelProviderName[] = ["openai", "anthropic"];
const MARKER = "<!-- patchwise:summary -->";
/** The review's body: its text, the marker naming the commit, and the hidden marker of this review run. */
const REVIEW_BODY = expect.stringMatching(new RegExp(`^Patchwise review: details in the summary comment\\.\n\n<!-- patchwise:review sha=${HEAD_SHA} -->\n<!-- patchwise:run=[0-9a-f-]{36} -->$`));

// Line numbers are those of src/greet.js after the change (test/fixtures/github/pull-request-files.json).
const crashFinding = crashFindingOf({ suggestion: '  const trimmed = (name ?? "").trim();' });
const semicolonFinding = {
  path: "src/greet.js",
  line: 4,
  startLine: 3,
  side: "RIGHT",
  severity: "minor",
  category: "style",
  title: "Missing semicolon",
  body: "Every other statement in the file ends with a semicolon.",
  suggestion: '  const message = "Hello, " + trimmed;\n  return message;',
};
const callerFinding = {
  path: "src/cli.js",
  line: 12,
  startLine: null,
  side: "RIGHT",
  severity: "major",
  category: "bug",
  title: "Caller passes a number",
  body: "`greet(user.id)` passes a number, which has no trim().",
  suggestion: null,
};
const review = (findings: object[]) => ({
  summary: "Trims the name and adds a comma to the greeting.",
  walkthrough: [{ path: "src/greet.js", change: "Trims the name before greeting it." }],
  findings,
});
/** Breaks the schema twice over: no walkthrough, and a line that is not a number. */
const INVALID_ANSWER = { summary: "Looks fine.", findings: [{ ...crashFinding, line: "two" }] };

/** A comment body: exactly `visible`, then the hidden fingerprint marker that recognises the finding on a later run. */
const commentBody = (visible: string) =>
  expect.stringMatching(new RegExp(`^${visible.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\n\n<!-- patchwise:fp v1 [0-9a-f]{16} -->$`));

/** The two inline comments of `crashFinding` and `semicolonFinding`, as GitHub receives them. */
const CRASH_COMMENT = {
  path: "src/greet.js",
  line: 2,
  side: "RIGHT",
  body: commentBody('**🟠 Major · bug** — Crashes when name is undefined\n\n`name.trim()` throws a TypeError when greet() is called without a name.\n\n```suggestion\n  const trimmed = (name ?? "").trim();\n```'),
};
const SEMICOLON_COMMENT = {
  path: "src/greet.js",
  start_line: 3,
  start_side: "RIGHT",
  line: 4,
  side: "RIGHT",
  body: commentBody('**🟡 Minor · style** — Missing semicolon\n\nEvery other statement in the file ends with a semicolon.\n\n```suggestion\n  const message = "Hello, " + trimmed;\n  return message;\n```'),
};


let app: ReviewApp | undefined;
stopAppAfterEach(() => app);


/** The user message of a provider request (the prompt, with the numbered diff). */
function userMessage(provider: ModelProviderName, request: Record<string, any>): string {
  const messages = request.messages as Array<{ role: string; content: string }>;
  return messages.find((message) => message.role === "user")!.content;
}

/** The reason the App logged for not reviewing a delivery. */
function skipReasons(running: ReviewApp): unknown[] {
  return running.logs.filter((line) => line.msg === "no review for this event").map((line) => line.reason);
}

describe("pull_request webhooks", () => {
  it.each(PROVIDERS)("opened (%s): one COMMENT review on the head commit with the inline findings, and a new summary comment", async (provider) => {
    app = await startReviewApp(provider);
    const github = mockGitHub().acceptsCheckRun(2).listsReviews([]).readsConfig(null).servesPullRequest(HEAD_SHA).acceptsReview().listsComments([]).acceptsNewSummary();
    const model = mockModel(provider, [{ answer: review([crashFinding, semicolonFinding]) }]);

    await app.deliver("pull_request", pullRequestEvent("opened"), "delivery-opened");

    expect(github.sentReview).toEqual({
      commit_id: HEAD_SHA,
      event: "COMMENT",
      body: REVIEW_BODY,
      comments: [CRASH_COMMENT, SEMICOLON_COMMENT],
    });
    const modelName = provider === "openai" ? "gpt-4.1-mini" : "claude-sonnet-4-6";
    expect(github.sentSummary).toEqual({
      method: "POST",
      path: `/repos/${OWNER}/${REPO}/issues/${PR_NUMBER}/comments`,
      body: {
        body: [
          MARKER,
          "## Patchwise review",
          "",
          "### Summary",
          "Trims the name and adds a comma to the greeting.",
          "",
          "### Findings",
          "",
          "**2** findings: 2 posted as inline comments, 0 listed here.",
          "",
          "| Severity | Findings |",
          "| --- | ---: |",
          "| 🔴 Critical | 0 |",
          "| 🟠 Major | 1 |",
          "| 🟡 Minor | 1 |",
          "| ⚪ Nit | 0 |",
          "",
          "<details><summary>Walkthrough (1 file)</summary>",
          "",
          "| File | Change |",
          "| --- | --- |",
          "| `src/greet.js` | Trims the name before greeting it. |",
          "",
          "</details>",
          "",
          // The cost at the catalog's price: gpt-4.1-mini $0.40/$1.60, claude-sonnet-4-6 $3/$15 per million tokens.
          `<sub>Model \`${modelName}\` via ${provider} · 1,200 input / 340 output tokens (about ${provider === "openai" ? "$0.0010" : "$0.0087"}) · related code: 3 lines from 1 file · commit ec26c3e</sub>`,
          "",
          // What the next review starts from: this commit, and the totals so far (never code).
          `<!-- patchwise:state v1 sha=${HEAD_SHA} reviews=1 critical=0 major=1 minor=1 nit=0 worst=major -->`,
        ].join("\n"),
      },
    });
    // The check run: queued as the webhook is accepted, in progress once the files are read, then the result.
    const reviewUrl = `https://github.com/${OWNER}/${REPO}/pull/${PR_NUMBER}#pullrequestreview-80`;
    expect(github.checkRunCalls).toEqual([
      {
        method: "POST",
        path: `/repos/${OWNER}/${REPO}/check-runs`,
        body: {
          name: "Patchwise review",
          head_sha: HEAD_SHA,
          status: "queued",
          // The delivery id, as on the run a review shows itself when it starts before this one is posted.
          external_id: "delivery-opened",
          output: { title: "Queued", summary: "Waiting for its turn in Patchwise's review queue." },
        },
      },
      {
        method: "PATCH",
        path: `/repos/${OWNER}/${REPO}/check-runs/${CHECK_RUN_ID}`,
        body: { status: "in_progress", output: { title: "Reviewing 1 file: 0 of 1 model request done", summary: "Files read: 1. Model requests done: 0 of 1." } },
      },
      {
        method: "PATCH",
        path: `/repos/${OWNER}/${REPO}/check-runs/${CHECK_RUN_ID}`,
        body: {
          status: "completed",
          conclusion: "neutral",
          output: {
            title: "2 findings: 1 🟠 Major, 1 🟡 Minor",
            summary: `This review reported 2 findings: 1 🟠 Major, 1 🟡 Minor.\n\n[Open the review](${reviewUrl}); the summary comment on the pull request lists every finding.`,
          },
          details_url: reviewUrl,
        },
      },
    ]);
    expect(model.requests).toHaveLength(1);
    const [request] = model.requests;
    if (provider === "openai") {
      expect(request).toEqual({
        model: "gpt-4.1-mini",
        messages: [
          { role: "system", content: expect.any(String) },
          { role: "user", content: expect.any(String) },
        ],
        response_format: { type: "json_schema", json_schema: { name: "submit_review", schema: buildReviewJsonSchema(), strict: true } },
        max_completion_tokens: 4000,
      });
    } else {
      expect(request).toEqual({
        model: "claude-sonnet-4-6",
        max_tokens: 4000,
        system: expect.any(String),
        messages: [{ role: "user", content: expect.any(String) }],
        tools: [{ name: "submit_review", description: expect.any(String), input_schema: buildReviewJsonSchema() }],
        tool_choice: { type: "tool", name: "submit_review" },
      });
    }
    // The prompt carries the PR's title and its diff, lines numbered as the findings cite them.
    expect(userMessage(provider, request!)).toContain("Update the README with new information.");
    expect(userMessage(provider, request!)).toContain('R3 +   const message = "Hello, " + trimmed\n');
    // ...and the caller of the changed function, read from the repository's tarball at the head commit.
    expect(userMessage(provider, request!)).toContain("Related: src/main.js:3-5 (caller of `greet` (src/main.js:4))\n3 | export function welcome(user) {\n4 |   return greet(user.name);\n5 | }\n");
    expectExactlyTheListedCalls(app);
  });

  it("synchronize after an earlier review: edits the summary comment in place instead of adding one", async () => {
    app = await startReviewApp("openai");
    const humanComment = loadWebhookExample("issue_comment", (p) => p.action === "created").comment as Record<string, unknown>;
    const earlierSummary = { id: 1001, user: { login: "patchwise[bot]", type: "Bot" }, body: `${MARKER}\n## Patchwise review\n\nold text` };
    const github = mockGitHub().acceptsCheckRun(2)
      .listsReviews([patchwiseReview(EARLIER_SHA)])
      .readsConfig(null)
      .servesPullRequest(HEAD_SHA)
      .listsReviewComments([])
      .acceptsReview()
      .listsComments([humanComment, earlierSummary])
      .acceptsSummaryEdit(1001);
    mockModel("openai", [{ answer: review([crashFinding]) }]);

    await app.deliver("pull_request", pullRequestEvent("synchronize"));

    expect(github.sentReview).toMatchObject({ commit_id: HEAD_SHA, event: "COMMENT", comments: [CRASH_COMMENT] });
    expect(github.sentSummary?.method).toBe("PATCH");
    expect(github.sentSummary?.path).toBe(`/repos/${OWNER}/${REPO}/issues/comments/1001`);
    expect(github.sentSummary?.body.body).toMatch(new RegExp(`^${MARKER}\n## Patchwise review\n`));
    expect(github.sentSummary?.body.body).toContain("**1** finding: 1 posted as inline comment");
    expect(github.sentSummary?.body.body).toContain("· commit ec26c3e</sub>");
    expectExactlyTheListedCalls(app);
  });

  it("markers pasted by someone else count for nothing: their review does not stop ours, their comment is not edited", async () => {
    app = await startReviewApp("openai");
    const mallory = { login: "mallory", type: "User" };
    const fakeReview = { ...patchwiseReview(HEAD_SHA), user: mallory };
    const fakeSummary = { id: 666, user: mallory, body: `${MARKER}\nnothing to see` };
    const github = mockGitHub().acceptsCheckRun(2)
      .listsReviews([fakeReview])
      .readsConfig(null)
      .servesPullRequest(HEAD_SHA)
      .acceptsReview()
      .listsComments([fakeSummary])
      .acceptsNewSummary();
    mockModel("openai", [{ answer: review([crashFinding]) }]);

    await app.deliver("pull_request", pullRequestEvent("synchronize"));

    expect(github.sentReview).toMatchObject({ commit_id: HEAD_SHA, comments: [CRASH_COMMENT] });
    expect(github.sentSummary?.method).toBe("POST");
    expectExactlyTheListedCalls(app);
  });

  it("a redelivered webhook posts nothing the second time", async () => {
    app = await startReviewApp("openai");
    mockGitHub().acceptsCheckRun(2).listsReviews([]).readsConfig(null).servesPullRequest(HEAD_SHA).acceptsReview().listsComments([]).acceptsNewSummary();
    mockModel("openai", [{ answer: review([crashFinding]) }]);
    const payload = pullRequestEvent("opened");
    await app.deliver("pull_request", payload, "delivery-1");
    expectExactlyTheListedCalls(app);

    await app.deliver("pull_request", payload, "delivery-1");

    expect(app.logs.filter((line) => line.msg === "review job enqueued").map((line) => line.result)).toEqual(["queued", "duplicate"]);
    expectExactlyTheListedCalls(app);
  });

  it("a second automatic event for a commit that already has a Patchwise review posts nothing, and its check run repeats the earlier result", async () => {
    app = await startReviewApp("openai");
    // The installation token, the look at the PR's reviews, and the check run: no config, no model, nothing on the PR.
    const earlierRun = {
      id: 400,
      status: "completed",
      conclusion: "neutral",
      completed_at: "2024-05-01T10:00:00Z",
      details_url: patchwiseReview(HEAD_SHA).html_url,
      output: { title: "1 finding: 1 🟠 Major", summary: "This review reported 1 finding: 1 🟠 Major." },
    };
    const github = mockGitHub()
      .listsReviews([patchwiseReview(HEAD_SHA)])
      .acceptsCheckRun(1)
      .listsCheckRuns(HEAD_SHA, [{ id: CHECK_RUN_ID, status: "queued", conclusion: null, completed_at: null, output: { title: "Queued", summary: "" } }, earlierRun]);

    await app.deliver("pull_request", pullRequestEvent("synchronize"));

    expect(app.logs).toContainEqual(expect.objectContaining({ msg: "review skipped", reason: "this commit already has a Patchwise review" }));
    expect(github.checkRunCalls.map(({ method, body }) => [method, body.status, body.conclusion ?? null])).toEqual([
      ["POST", "queued", null],
      ["PATCH", "completed", "neutral"],
    ]);
    expect(github.checkRunCalls[1]?.body).toEqual({ status: "completed", conclusion: "neutral", output: earlierRun.output, details_url: earlierRun.details_url });
    expectExactlyTheListedCalls(app);
  });

  it("a bot sender triggers nothing", async () => {
    app = await startReviewApp("openai");
    const payload = pullRequestEvent("opened");
    payload.sender = { ...payload.sender, login: "dependabot[bot]", type: "Bot" };

    await app.deliver("pull_request", payload);

    expectExactlyTheListedCalls(app);
    expect(skipReasons(app)).toEqual(["sender is a bot"]);
  });

  it("a finding outside the diff is not sent inline but listed under \"Outside the diff\" in the summary", async () => {
    app = await startReviewApp("openai");
    const github = mockGitHub().acceptsCheckRun(2).listsReviews([]).readsConfig(null).servesPullRequest(HEAD_SHA).acceptsReview().listsComments([]).acceptsNewSummary();
    mockModel("openai", [{ answer: review([crashFinding, callerFinding]) }]);

    await app.deliver("pull_request", pullRequestEvent("opened"));

    expect(github.sentReview?.comments).toEqual([CRASH_COMMENT]);
    expect(github.sentSummary?.body.body).toContain(
      [
        "**2** findings: 1 posted as inline comment, 1 listed here.",
        "",
        "| Severity | Findings |",
        "| --- | ---: |",
        "| 🔴 Critical | 0 |",
        "| 🟠 Major | 2 |",
        "| 🟡 Minor | 0 |",
        "| ⚪ Nit | 0 |",
        "",
        "#### Outside the diff",
        "GitHub accepts comments only on changed lines, so these are listed here:",
        "- **🟠 Major · bug** `src/cli.js:12` — Caller passes a number: `greet(user.id)` passes a number, which has no trim().",
      ].join("\n"),
    );
    expectExactlyTheListedCalls(app);
  });

  it("an unknown key in .github/patchwise.yml is named in the summary, and the other keys still apply", async () => {
    app = await startReviewApp("openai");
    // `maxComments: 1` applies: one comment is posted inline, the other listed as over the limit.
    const github = mockGitHub().acceptsCheckRun(2)
      .listsReviews([])
      .readsConfig("maxComments: 1\nreviewDrafts: true\n")
      .servesPullRequest(HEAD_SHA)
      .acceptsReview()
      .listsComments([])
      .acceptsNewSummary();
    mockModel("openai", [{ answer: review([crashFinding, semicolonFinding]) }]);

    await app.deliver("pull_request", pullRequestEvent("opened"));

    expect(github.sentSummary?.body.body).toMatch(
      new RegExp(
        `^${MARKER}\n## Patchwise review\n\n` +
          "> \\[!WARNING\\]\n" +
          "> `\\.github/patchwise\\.yml` has settings Patchwise could not use\\. Fix these keys:\n" +
          "> - `reviewDrafts` is not a key \\(keys: model, autoReview, drafts, [a-zA-Z, ]+\\) — ignored\n\n### Summary\n",
      ),
    );
    expect(github.sentReview?.comments).toEqual([CRASH_COMMENT]);
    expectExactlyTheListedCalls(app);
  });
});

describe("model answers", () => {
  it.each(PROVIDERS)("an invalid answer (%s) gets one repair request that names the problems", async (provider) => {
    app = await startReviewApp(provider);
    const github = mockGitHub().acceptsCheckRun(2).listsReviews([]).readsConfig(null).servesPullRequest(HEAD_SHA).acceptsReview().listsComments([]).acceptsNewSummary();
    const model = mockModel(provider, [{ answer: INVALID_ANSWER }, { answer: review([crashFinding]) }]);

    await app.deliver("pull_request", pullRequestEvent("opened"));

    expect(model.requests).toHaveLength(2);
    const [first, repair] = model.requests.map((request) => userMessage(provider, request));
    expect(repair!.startsWith(`${first}\n\nYour previous answer did not match the required JSON schema. These problems were found:\n`)).toBe(true);
    expect(repair).toContain("\n- walkthrough: Invalid input: expected array, received undefined\n");
    expect(repair).toContain("\n- findings.0.line: Invalid input: expected number, received string\n");
    expect(github.sentReview?.comments).toEqual([CRASH_COMMENT]);
    expectExactlyTheListedCalls(app);
  });

  it.each(PROVIDERS)("a second invalid answer (%s): no review is posted and the summary says the answer could not be used", async (provider) => {
    app = await startReviewApp(provider);
    // No acceptsReview(): a review POST would be an unexpected call.
    const github = mockGitHub().acceptsCheckRun(2).listsReviews([]).readsConfig(null).servesPullRequest(HEAD_SHA).listsComments([]).acceptsNewSummary();
    const model = mockModel(provider, [{ answer: INVALID_ANSWER }, { answer: INVALID_ANSWER }]);

    await app.deliver("pull_request", pullRequestEvent("opened"));

    expect(model.requests).toHaveLength(2);
    expect(github.sentReview).toBeUndefined();
    expect(github.sentSummary?.method).toBe("POST");
    expect(github.sentSummary?.body.body).toContain(
      "> **⚠️ Review failed at validating the model's answer:** the model's answer did not match the review schema twice " +
        "(walkthrough: Invalid input: expected array, received undefined; findings.0.line: Invalid input: expected number, received string); nothing was posted\n" +
        ">\n" +
        "> This run did not finish its review. Once the cause is fixed, comment `/review` on this pull request to try again.",
    );
    expect(github.sentSummary?.body.body).not.toContain("### Findings");
    expectExactlyTheListedCalls(app);
  });

  it.each(PROVIDERS)("a server error from the model (%s) is retried, and the review is posted", async (provider) => {
    app = await startReviewApp(provider);
    const github = mockGitHub().acceptsCheckRun(2).listsReviews([]).readsConfig(null).servesPullRequest(HEAD_SHA).acceptsReview().listsComments([]).acceptsNewSummary();
    const model = mockModel(provider, [{ status: 500 }, { answer: review([crashFinding]) }]);

    await app.deliver("pull_request", pullRequestEvent("opened"));

    expect(model.requests).toHaveLength(2);
    expect(model.requests[1]).toEqual(model.requests[0]);
    expect(github.sentReview).toMatchObject({ commit_id: HEAD_SHA, event: "COMMENT", comments: [CRASH_COMMENT] });
    expect(github.sentSummary?.body.body).not.toContain("Review failed");
    expectExactlyTheListedCalls(app);
  });
});

describe("/review comments", () => {
  it("/review on a pull request reviews its current head commit", async () => {
    app = await startReviewApp("openai");
    const payload = issueCommentEvent("/review", { onPullRequest: true });
    const github = mockGitHub()
      .mayCheckPermission("Codertocat", "write")
      .acceptsReaction(payload.comment.id)
      .acceptsCheckRun(1)
      .readsConfig(null)
      .servesPullRequest(HEAD_SHA)
      .listsReviews([])
      .acceptsReview()
      .listsComments([])
      .acceptsNewSummary();
    mockModel("openai", [{ answer: review([crashFinding]) }]);

    await app.deliver("issue_comment", payload);

    // Acknowledged with 👀 once the access check passed; the check run starts in progress (a
    // command's commit is known only once the PR is read), and ends with the review's result.
    expect(github.reactions).toEqual([{ commentId: payload.comment.id, body: { content: "eyes" } }]);
    expect(github.checkRunCalls.map(({ method, body }) => [method, body.status, body.conclusion ?? null, body.head_sha ?? null])).toEqual([
      ["POST", "in_progress", null, HEAD_SHA],
      ["PATCH", "completed", "neutral", null],
    ]);
    // The comment names only the PR: the commit comes from reading the PR.
    expect(github.sentReview).toEqual({
      commit_id: HEAD_SHA,
      event: "COMMENT",
      body: REVIEW_BODY,
      comments: [CRASH_COMMENT],
    });
    expect(github.sentSummary?.method).toBe("POST");
    expect(github.sentSummary?.body.body).toMatch(new RegExp(`^${MARKER}\n`));
    expectExactlyTheListedCalls(app);
  });

  it("/review on an issue that is not a pull request triggers nothing", async () => {
    app = await startReviewApp("openai");

    await app.deliver("issue_comment", issueCommentEvent("/review", { onPullRequest: false }));

    expectExactlyTheListedCalls(app);
    expect(skipReasons(app)).toEqual(["comment is on an issue, not a pull request"]);
  });
});
