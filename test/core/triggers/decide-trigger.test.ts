import { describe, expect, it } from "@jest/globals";
import { decideTrigger, readAskQuestion } from "../../../src/core/triggers/decide-trigger.js";
import { parseWebhookEvent } from "../../../src/core/triggers/webhook-event-schema.js";
import { loadWebhookExample } from "../../helpers/webhook-examples.js";

const DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
const INSTALLATION = { id: 4242, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" };

/** A real `pull_request` example of `action`, with an installation as App deliveries carry. */
function pullRequestPayload(action: string, edit: (p: Record<string, any>) => void = () => {}): Record<string, any> {
  const payload = loadWebhookExample("pull_request", (p) => p.action === action);
  payload.installation = INSTALLATION;
  edit(payload);
  return payload;
}

/** A real `issue_comment` example of `action`, turned into a comment on a pull request. */
function commentPayload(action: string, body: string, edit: (p: Record<string, any>) => void = () => {}): Record<string, any> {
  const payload = loadWebhookExample("issue_comment", (p) => p.action === action);
  payload.installation = INSTALLATION;
  payload.issue.pull_request = { url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/1" };
  payload.comment.body = body;
  edit(payload);
  return payload;
}

function decide(name: "pull_request" | "issue_comment", payload: unknown) {
  const parsed = parseWebhookEvent(name, payload, DELIVERY);
  if (!parsed.ok) throw new Error(parsed.error);
  return decideTrigger(parsed.event);
}

describe("decideTrigger on pull_request events", () => {
  it.each(["opened", "reopened", "ready_for_review", "synchronize"])("%s queues a review of the head commit", (action) => {
    const payload = pullRequestPayload(action, (p) => {
      p.pull_request.state = "open";
      p.pull_request.draft = false;
    });
    expect(decide("pull_request", payload)).toEqual({
      job: {
        installationId: 4242,
        owner: payload.repository.owner.login,
        repo: payload.repository.name,
        pullNumber: payload.pull_request.number,
        headSha: payload.pull_request.head.sha,
        trigger: action,
        deliveryId: DELIVERY,
      },
      draft: false,
    });
  });

  it("queues a draft with the draft flag set, leaving the decision to the repo config", () => {
    const payload = pullRequestPayload("opened", (p) => (p.pull_request.draft = true));
    expect(decide("pull_request", payload)).toMatchObject({ job: { trigger: "opened" }, draft: true });
  });

  it("treats a payload without `draft` (older GitHub Enterprise) as not a draft", () => {
    const payload = pullRequestPayload("opened", (p) => delete p.pull_request.draft);
    expect(decide("pull_request", payload)).toMatchObject({ draft: false });
  });

  it.each([
    ["closed", "closed"],
    ["labeled", "labeled"],
    ["assigned", "assigned"],
    ["converted_to_draft", "converted_to_draft"],
  ])("skips action %s", (action, named) => {
    expect(decide("pull_request", pullRequestPayload(action))).toEqual({ skip: expect.stringContaining(named) });
  });

  it("skips a push to a pull request that is already closed", () => {
    const payload = pullRequestPayload("synchronize", (p) => (p.pull_request.state = "closed"));
    expect(decide("pull_request", payload)).toEqual({ skip: "the pull request is closed" });
  });

  it.each([
    ["type Bot", { login: "renovate", type: "Bot" }],
    ["login ending in [bot]", { login: "dependabot[bot]", type: "User" }],
  ])("skips when the sender is a bot (%s)", (_case, sender) => {
    const payload = pullRequestPayload("opened", (p) => (p.sender = { ...p.sender, ...sender }));
    expect(decide("pull_request", payload)).toEqual({ skip: "sender is a bot" });
  });
});

describe("decideTrigger on issue_comment events", () => {
  it.each([
    ["/review", ""],
    ["  /review  \n", ""],
    ["/review focus on error handling", "focus on error handling"],
    ["/review\tthe SQL   \nand then more lines\nhere", "the SQL"],
    [`/review ${"x".repeat(300)}`, "x".repeat(200)],
    // Words that look like settings are focus text too: no command word sets configuration.
    ["/review model=gpt-4o maxInlineComments: 100", "model=gpt-4o maxInlineComments: 100"],
    ["/review fullness of the cache", "fullness of the cache"],
  ])("%j on a pull request queues a command review with focus %j", (body, focus) => {
    const payload = commentPayload("created", body);
    expect(decide("issue_comment", payload)).toEqual({
      job: {
        installationId: 4242,
        owner: payload.repository.owner.login,
        repo: payload.repository.name,
        pullNumber: payload.issue.number,
        headSha: null,
        trigger: "command",
        deliveryId: DELIVERY,
        command: {
          actorLogin: payload.comment.user.login,
          pullRequestAuthorLogin: payload.issue.user.login,
          repositoryPrivate: false,
          commentId: payload.comment.id,
          full: false,
          focus,
        },
      },
      draft: false,
    });
  });

  it.each([
    ["/review full", ""],
    ["/review full security of the login", "security of the login"],
  ])("%j asks for a full review again, with focus %j", (body, focus) => {
    expect(decide("issue_comment", commentPayload("created", body))).toMatchObject({ job: { command: { full: true, focus } } });
  });

  it("names who asked, who opened the pull request and whether the repository is private, for the access check", () => {
    const payload = commentPayload("created", "/review", (p) => {
      p.comment.user = { ...p.comment.user, login: "maintainer-1" };
      p.issue.user = { ...p.issue.user, login: "Contributor-2" };
      p.repository.private = true;
    });
    expect(decide("issue_comment", payload)).toMatchObject({
      job: { command: { actorLogin: "maintainer-1", pullRequestAuthorLogin: "Contributor-2", repositoryPrivate: true } },
    });
  });

  it.each([
    ["/reviewer please", "comment is not a /review, /ask or /describe command"],
    ["/review-all", "comment is not a /review, /ask or /describe command"],
    ["please /review", "comment is not a /review, /ask or /describe command"],
    ["You are totally right! I'll get this fixed right away.", "comment is not a /review, /ask or /describe command"],
    ["/Review", "comment is not a /review, /ask or /describe command"],
  ])("skips a comment reading %j", (body, reason) => {
    expect(decide("issue_comment", commentPayload("created", body))).toEqual({ skip: reason });
  });

  it.each(["/ask why is the cache keyed by user?", "/ask\nwhy is the cache\nkeyed by user?"])("%j queues an /ask job that carries no question text", (body) => {
    const payload = commentPayload("created", body);
    expect(decide("issue_comment", payload)).toMatchObject({
      job: { headSha: null, trigger: "command", command: { commentId: payload.comment.id, name: "ask", full: false, focus: "" } },
    });
    expect(JSON.stringify(decide("issue_comment", payload))).not.toContain("cache");
  });

  it.each(["/ask", "/ask   ", "/asking around", "please /ask why"])("skips %j (no question, or not the command)", (body) => {
    expect(decide("issue_comment", commentPayload("created", body))).toEqual({ skip: "comment is not a /review, /ask or /describe command" });
  });

  it.each([
    ["/ask  why?  ", "why?"],
    ["/ask first line\nsecond line", "first line\nsecond line"],
    ["/ask", null],
    ["/review why", null],
  ])("readAskQuestion(%j) is %j", (body, question) => {
    expect(readAskQuestion(body)).toBe(question);
  });

  it("skips an empty (null) comment body", () => {
    expect(decide("issue_comment", commentPayload("created", "", (p) => (p.comment.body = null)))).toEqual({
      skip: "comment is not a /review, /ask or /describe command",
    });
  });

  it("skips /review on a plain issue", () => {
    const payload = commentPayload("created", "/review", (p) => delete p.issue.pull_request);
    expect(decide("issue_comment", payload)).toEqual({ skip: "comment is on an issue, not a pull request" });
  });

  it.each(["edited", "deleted"])("skips an %s comment even if it reads /review", (action) => {
    expect(decide("issue_comment", commentPayload(action, "/review"))).toEqual({ skip: expect.stringContaining(action) });
  });

  it("skips /review on a closed pull request", () => {
    const payload = commentPayload("created", "/review", (p) => (p.issue.state = "closed"));
    expect(decide("issue_comment", payload)).toEqual({ skip: "the pull request is closed" });
  });

  it.each([
    ["sender type Bot", (p: Record<string, any>) => (p.sender.type = "Bot"), "sender is a bot"],
    ["sender login ending in [bot]", (p: Record<string, any>) => (p.sender.login = "patchwise[bot]"), "sender is a bot"],
    ["comment author a bot", (p: Record<string, any>) => (p.comment.user.type = "Bot"), "comment author is a bot"],
  ])("skips /review written by a bot (%s)", (_case, edit, reason) => {
    expect(decide("issue_comment", commentPayload("created", "/review", edit))).toEqual({ skip: reason });
  });
});
