import { describe, expect, it } from "@jest/globals";
import nock from "nock";
import { expectExactlyTheListedCalls, stopAppAfterEach } from "./review-fixtures.js";
import { renderReviewMarker } from "../../src/core/review/build-review-request.js";
import { mockGitHub, type GitHubMock } from "./mock-review-apis.js";
import { GITHUB_API, HEAD_SHA, issueCommentEvent, OWNER, PR_NUMBER, pullRequestEvent, REPO, startReviewApp, type ReviewApp } from "./start-review-app.js";

// Who may spend the owner's model tokens with /review, as the App sees it: real issue_comment
// deliveries through Probot, GitHub as nock. An allowed /review on a commit that already has a
// review costs no model call and ends in the summary notice, which is how these tests see it pass.

const REPO_PATH = `/repos/${OWNER}/${REPO}`;
const AUTHOR = "Codertocat"; // the webhook example's pull request author
const REFUSAL = [
  "Patchwise runs `/review` only for people with write access to this repository. Ask a maintainer to comment `/review` if you would like a review.",
  "Further commands on this pull request from people without that access are ignored without a reply.",
  "<!-- patchwise:command-refused -->",
].join("\n\n");
const ALREADY_REVIEWED = `Commit ${HEAD_SHA.slice(0, 7)} already has a Patchwise review`;
/** The `/review` comment's id: an allowed command gets a 👀 reaction on it, a refused one none. */
const COMMENT_ID: number = issueCommentEvent("/review", { onPullRequest: true }).comment.id;

let app: ReviewApp | undefined;
stopAppAfterEach(() => app);

/** A real `/review` comment on the pull request, written by `login`. */
function reviewCommand(login: string, edit: (payload: Record<string, any>) => void = () => {}) {
  const payload = issueCommentEvent("/review", { onPullRequest: true });
  payload.comment.user = { ...payload.comment.user, login };
  payload.sender = { ...payload.sender, login };
  edit(payload);
  return payload;
}

/** `GET .../collaborators/{login}/permission` as GitHub answers it. */
function permissionOf(login: string, permission: string, roleName: string) {
  nock(GITHUB_API).get(`${REPO_PATH}/collaborators/${login}/permission`).reply(200, { permission, role_name: roleName, user: { login, type: "User" } });
}

/** What an allowed /review reads and writes here: the 👀 reaction, the PR, whose head commit already has our review, then the summary notice. */
function reviewOfReviewedCommit(github: GitHubMock, config: string | null = null): GitHubMock {
  github.acceptsReaction(COMMENT_ID);
  const pullRequest = pullRequestEvent("opened").pull_request as Record<string, any>;
  nock(GITHUB_API).get(`${REPO_PATH}/pulls/${PR_NUMBER}`).reply(200, { ...pullRequest, head: { ...pullRequest.head, sha: HEAD_SHA } });
  const earlier = { id: 79, commit_id: HEAD_SHA, body: renderReviewMarker(HEAD_SHA), user: { login: "patchwise[bot]", type: "Bot" }, html_url: "https://github.com/r#79" };
  return github.readsConfig(config).listsReviews([earlier]).listsComments([]).acceptsNewSummary();
}

/** Bodies of the comments the App posts on the pull request (the refusal reply). */
function acceptsReplies(): string[] {
  const bodies: string[] = [];
  nock(GITHUB_API)
    .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`, (body: { body: string }) => Boolean(bodies.push(body.body)))
    .reply(201, { id: 5001 });
  return bodies;
}

const logged = (running: ReviewApp, msg: string) => running.logs.filter((line) => line.msg === msg);


describe("/review from people with write access", () => {
  it.each([
    ["admin", "admin", "admin"],
    ["maintain", "write", "maintain"],
    ["write", "write", "write"],
  ])("%s: the review runs, without reading the configuration for the access check", async (_role, permission, roleName) => {
    app = await startReviewApp("openai");
    const github = reviewOfReviewedCommit(mockGitHub());
    permissionOf("maintainer-1", permission, roleName);

    await app.deliver("issue_comment", reviewCommand("maintainer-1"));

    expect(github.sentSummary?.body.body).toContain(ALREADY_REVIEWED);
    expect(github.reactions).toEqual([{ commentId: COMMENT_ID, body: { content: "eyes" } }]);
    expect(logged(app, "command access allowed")).toEqual([expect.objectContaining({ actor: "maintainer-1", because: "write access", pullNumber: PR_NUMBER })]);
    expectExactlyTheListedCalls(app);
  });
});

describe("/review from people without write access", () => {
  it.each([
    ["read", "read", "read", "the commenter has read access"],
    ["triage", "read", "triage", "the commenter has triage access"],
    ["none", "none", "none", "the commenter has no access"],
  ])("%s: no review, one reply saying why", async (_role, permission, roleName, reason) => {
    app = await startReviewApp("openai");
    mockGitHub().readsConfig(null).listsComments([]);
    permissionOf("drive-by", permission, roleName);
    const replies = acceptsReplies();

    await app.deliver("issue_comment", reviewCommand("drive-by"));

    expect(replies).toEqual([REFUSAL]);
    expect(logged(app, "command access refused")).toEqual([expect.objectContaining({ actor: "drive-by", reason, replied: true })]);
    // No 👀 reaction and no check run: either would be an unexpected call.
    expectExactlyTheListedCalls(app);
  });

  it("a user GitHub does not know (404) is refused the same way", async () => {
    app = await startReviewApp("openai");
    mockGitHub().readsConfig(null).listsComments([]);
    nock(GITHUB_API).get(`${REPO_PATH}/collaborators/ghost/permission`).reply(404, { message: "Not Found" });
    const replies = acceptsReplies();

    await app.deliver("issue_comment", reviewCommand("ghost"));

    expect(replies).toEqual([REFUSAL]);
    expectExactlyTheListedCalls(app);
  });

  it("the reply is posted once per pull request: a later refusal finds it and stays silent", async () => {
    app = await startReviewApp("openai");
    const earlierReply = { id: 5001, body: REFUSAL, user: { login: "patchwise[bot]", type: "Bot" } };
    mockGitHub().readsConfig(null).listsComments([{ id: 7, body: "/review", user: { login: "drive-by" } }, earlierReply]);
    permissionOf("drive-by", "read", "read");

    await app.deliver("issue_comment", reviewCommand("drive-by"));

    expect(logged(app, "command access refused")).toEqual([expect.objectContaining({ replied: false })]);
    expectExactlyTheListedCalls(app); // in particular, no POST of a second reply
  });

  it("stays silent on a public repository configured with replyToRefused: private-only", async () => {
    app = await startReviewApp("openai");
    mockGitHub().readsConfig("commands:\n  replyToRefused: private-only\n");
    permissionOf("drive-by", "read", "read");

    await app.deliver("issue_comment", reviewCommand("drive-by"));

    expect(logged(app, "command access refused")).toEqual([expect.objectContaining({ actor: "drive-by", replied: false })]);
    expectExactlyTheListedCalls(app); // no comment listed, none posted, no review
  });

  it("still replies on a private repository configured with replyToRefused: private-only", async () => {
    app = await startReviewApp("openai");
    mockGitHub().readsConfig("commands:\n  replyToRefused: private-only\n").listsComments([]);
    permissionOf("colleague", "read", "read");
    const replies = acceptsReplies();

    await app.deliver("issue_comment", reviewCommand("colleague", (payload) => (payload.repository.private = true)));

    expect(replies).toEqual([REFUSAL]);
    expectExactlyTheListedCalls(app);
  });

  it("refuses without a reply when GitHub cannot say what access the commenter has", async () => {
    app = await startReviewApp("openai");
    mockGitHub();
    nock(GITHUB_API).get(`${REPO_PATH}/collaborators/maintainer-1/permission`).times(4).reply(502, { message: "Bad Gateway" });

    await app.deliver("issue_comment", reviewCommand("maintainer-1"));

    expect(logged(app, "command access refused")).toEqual([expect.objectContaining({ replied: false, reason: expect.stringContaining("permission could not be read") })]);
    expect(app.unexpectedRequests).toEqual([]);
  });
});

describe("/review from the pull request's author", () => {
  it("runs when the repository sets commands.allowAuthor", async () => {
    app = await startReviewApp("openai");
    const config = "commands:\n  allowAuthor: true\n";
    // The access check reads the configuration, then the review reads it again.
    const github = reviewOfReviewedCommit(mockGitHub().readsConfig(config), config);
    permissionOf(AUTHOR, "read", "read");

    await app.deliver("issue_comment", reviewCommand(AUTHOR));

    expect(github.sentSummary?.body.body).toContain(ALREADY_REVIEWED);
    expect(logged(app, "command access allowed")).toEqual([expect.objectContaining({ actor: AUTHOR, because: "pull request author" })]);
    expectExactlyTheListedCalls(app);
  });

  it("is refused by default, with a reply", async () => {
    app = await startReviewApp("openai");
    mockGitHub().readsConfig(null).listsComments([]);
    permissionOf(AUTHOR, "read", "read");
    const replies = acceptsReplies();

    await app.deliver("issue_comment", reviewCommand(AUTHOR));

    expect(replies).toEqual([REFUSAL]);
    expect(logged(app, "command access refused")).toEqual([expect.objectContaining({ reason: "the commenter has read access (pull request author; commands.allowAuthor is off)" })]);
    expectExactlyTheListedCalls(app);
  });
});

describe("/review rate limit", () => {
  it("refuses the sixth /review on a pull request within an hour before any review work, and logs ids only", async () => {
    // A clock that moves one minute per command.
    let clock = Date.parse("2026-01-01T00:00:00Z");
    app = await startReviewApp("openai", { now: () => (clock += 60_000) });
    const github = mockGitHub();
    for (let i = 0; i < 5; i++) reviewOfReviewedCommit(github);
    for (let i = 0; i < 6; i++) permissionOf("maintainer-1", "write", "write");
    const command = (n: number) => reviewCommand("maintainer-1", (payload) => (payload.comment.body = `/review take ${n} on the secret-sauce module`));

    for (let n = 1; n <= 6; n++) await app.deliver("issue_comment", command(n), `delivery-${n}`);

    // All six pass the access check; the sixth is over the limit for the pull request.
    expect(logged(app, "command access allowed")).toHaveLength(6);
    const refusals = logged(app, "command refused: rate limit reached");
    expect(refusals).toEqual([
      expect.objectContaining({ deliveryId: "delivery-6", owner: OWNER, repo: REPO, pullNumber: PR_NUMBER, actor: "maintainer-1", scope: "pull request", retryAfterSeconds: expect.any(Number) }),
    ]);
    // The first command falls out of the hour 55 minutes after the sixth.
    expect(refusals[0]!.retryAfterSeconds).toBe(55 * 60);
    // Probot itself logs whole deliveries at debug level ("Webhook received"); our lines name ids only.
    expect(JSON.stringify(app.logs.filter((line) => line.msg !== "Webhook received"))).not.toContain("secret-sauce");
    // Five 👀 reactions and summary notices, and nothing read or written for the sixth beyond the permission.
    expect(github.reactions).toHaveLength(5);
    expectExactlyTheListedCalls(app);
  });
});
