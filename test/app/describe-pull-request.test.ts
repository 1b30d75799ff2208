import { describe, expect, it } from "@jest/globals";
import nock from "nock";
import { expectExactlyTheListedCalls, stopAppAfterEach } from "./review-fixtures.js";
import { mockGitHub, mockModel } from "./mock-review-apis.js";
import { GITHUB_API, HEAD_SHA, issueCommentEvent, OWNER, PR_NUMBER, pullRequestEvent, REPO, startReviewApp, type ReviewApp } from "./start-review-app.js";
import { DESCRIPTION_END, DESCRIPTION_START } from "../../src/core/review/merge-description.js";

// `/describe` through the App: the generated section goes into the pull request's description,
// below the author's text, and replaces itself on a second run; only `body` is ever sent.

const REPO_PATH = `/repos/${OWNER}/${REPO}`;
const COMMENT_ID: number = issueCommentEvent("/describe", { onPullRequest: true }).comment.id;
const AUTHOR_TEXT = "Trims the name before greeting.\n\n/lgtm is what I hope for 🙂";
const DESCRIPTION = {
  what: "Trims the caller's name before the greeting.",
  risk: "Low: only `greet` changes. @octocat see ![x](https://evil.example/x.png) <b>bold</b>",
  walkthrough: [{ path: "src/greet.js", change: "Trims `name`. | @dependabot merge" }],
};

let app: ReviewApp | undefined;
stopAppAfterEach(() => app);

function describeCommand(login: string) {
  const payload = issueCommentEvent("/describe", { onPullRequest: true });
  payload.comment.user = { ...payload.comment.user, login };
  payload.sender = { ...payload.sender, login };
  return payload;
}

function permissionOf(login: string, permission: string) {
  nock(GITHUB_API).get(`${REPO_PATH}/collaborators/${login}/permission`).reply(200, { permission, role_name: permission, user: { login, type: "User" } });
}

/** The description read just before writing, and the PATCH bodies GitHub receives. */
function acceptsDescription(current: string): Array<Record<string, unknown>> {
  const sent: Array<Record<string, unknown>> = [];
  const pullRequest = pullRequestEvent("opened").pull_request as Record<string, any>;
  nock(GITHUB_API)
    .get(`${REPO_PATH}/pulls/${PR_NUMBER}`)
    .reply(200, { ...pullRequest, body: current })
    .patch(`${REPO_PATH}/pulls/${PR_NUMBER}`, (body: Record<string, unknown>) => Boolean(sent.push(body)))
    .reply(200, { ...pullRequest, html_url: `https://github.com/${OWNER}/${REPO}/pull/${PR_NUMBER}` });
  return sent;
}

describe("/describe from someone with write access", () => {
  it("writes the section below the author's text, word for word; a second run replaces its own section; only the body is sent", async () => {
    app = await startReviewApp("openai");
    const github = mockGitHub().acceptsReaction(COMMENT_ID).readsConfig(null).servesPullRequest(HEAD_SHA, undefined, { body: AUTHOR_TEXT });
    permissionOf("maintainer-1", "write");
    const model = mockModel("openai", [{ answer: DESCRIPTION }]);
    const first = acceptsDescription(AUTHOR_TEXT);

    await app.deliver("issue_comment", describeCommand("maintainer-1"));

    expect(first).toHaveLength(1);
    expect(Object.keys(first[0]!)).toEqual(["body"]);
    const written = String(first[0]!.body);
    expect(written.startsWith(`${AUTHOR_TEXT}\n\n${DESCRIPTION_START}\n## Description by Patchwise\n\nTrims the caller's name before the greeting.\n\n### Risk\n`)).toBe(true);
    expect(written).toContain("| `src/greet.js` |");
    // Everything the model wrote is inert; the author's own text is not ours to change.
    const ours = written.slice(written.indexOf(DESCRIPTION_START));
    expect(ours).not.toMatch(/(^|\s)@octocat/);
    expect(ours).not.toContain("evil.example");
    expect(ours).not.toContain("<b>");
    expect(ours).not.toMatch(/(^|\| )@dependabot merge/m);
    expect(written.endsWith(`${DESCRIPTION_END}`)).toBe(true);
    expect(github.reactions).toEqual([{ commentId: COMMENT_ID, body: { content: "eyes" } }]);
    // The model saw the author's text as the description, fenced.
    expect(model.requests[0]!.messages.find((m: { role: string }) => m.role === "user").content).toContain(`<untrusted-pr-body>\n${AUTHOR_TEXT}\n</untrusted-pr-body>`);
    expectExactlyTheListedCalls(app);

    // Again, on the description as the first run left it.
    github.acceptsReaction(COMMENT_ID).readsConfig(null).servesPullRequest(HEAD_SHA, undefined, { body: written });
    permissionOf("maintainer-1", "write");
    const again = mockModel("openai", [{ answer: { ...DESCRIPTION, what: "Second take." } }]);
    const second = acceptsDescription(written);

    await app.deliver("issue_comment", describeCommand("maintainer-1"));

    const rewritten = String(second[0]!.body);
    expect(rewritten.startsWith(`${AUTHOR_TEXT}\n\n${DESCRIPTION_START}\n## Description by Patchwise\n\nSecond take.`)).toBe(true);
    expect(rewritten.split(DESCRIPTION_START)).toHaveLength(2);
    // Our earlier section is not sent to the model as if the author had written it.
    expect(again.requests[0]!.messages.find((m: { role: string }) => m.role === "user").content).not.toContain("Description by Patchwise");
    expectExactlyTheListedCalls(app);
  });
});

describe("/describe from someone without access", () => {
  it("gets the one refusal; the description is not touched", async () => {
    app = await startReviewApp("openai");
    mockGitHub().readsConfig(null).listsComments([]);
    permissionOf("drive-by", "read");
    const model = mockModel("openai", []);
    const replies: string[] = [];
    nock(GITHUB_API).post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`, (body: { body: string }) => Boolean(replies.push(body.body))).reply(201, { id: 1 });

    await app.deliver("issue_comment", describeCommand("drive-by"));

    expect(replies).toEqual([expect.stringContaining("<!-- patchwise:command-refused -->")]);
    expect(model.requests).toEqual([]);
    expectExactlyTheListedCalls(app);
  });
});

describe("describe: auto", () => {
  it("a newly opened pull request gets its review and then its description, the configuration read once", async () => {
    app = await startReviewApp("openai");
    const github = mockGitHub().acceptsCheckRun(2).listsReviews([]).readsConfig("describe: auto\n").servesPullRequest(HEAD_SHA).acceptsReview().listsComments([]).acceptsNewSummary();
    github.servesPullRequest(HEAD_SHA, undefined, { body: AUTHOR_TEXT });
    const review = { summary: "Trims the name.", walkthrough: [{ path: "src/greet.js", change: "Trims the name." }], findings: [] };
    const model = mockModel("openai", [{ answer: review }, { answer: DESCRIPTION }]);
    const written = acceptsDescription(AUTHOR_TEXT);

    await app.deliver("pull_request", pullRequestEvent("opened"));

    expect(model.requests.map((request) => request.response_format.json_schema.name)).toEqual(["submit_review", "submit_description"]);
    expect(String(written[0]?.body)).toContain(`${AUTHOR_TEXT}\n\n${DESCRIPTION_START}\n## Description by Patchwise`);
    // The review and the description, each its own audit event and count; the trigger tells an automatic description from /describe.
    expect(app.audits.map((event) => [event.command, event.trigger, event.outcome.status])).toEqual([
      ["review", "opened", "posted"],
      ["describe", "opened", "posted"],
    ]);
    expect(await app.metrics.registry.metrics()).toMatch(/^patchwise_answers_total\{command="describe",outcome="answered"\} 1$/m);
    expectExactlyTheListedCalls(app);
  });

  it("is off by default: an opened pull request is reviewed and its description left alone", async () => {
    app = await startReviewApp("openai");
    mockGitHub().acceptsCheckRun(2).listsReviews([]).readsConfig(null).servesPullRequest(HEAD_SHA).acceptsReview().listsComments([]).acceptsNewSummary();
    const model = mockModel("openai", [{ answer: { summary: "Trims the name.", walkthrough: [], findings: [] } }]);

    await app.deliver("pull_request", pullRequestEvent("opened"));

    expect(model.requests).toHaveLength(1);
    expect(app.audits.map((event) => event.command)).toEqual(["review"]);
    expectExactlyTheListedCalls(app);
  });
});
