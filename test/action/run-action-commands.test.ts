import { describe, expect, it } from "@jest/globals";
import nock from "nock";
import { readActionInputs } from "../../src/action/read-action-inputs.js";
import { runAction } from "../../src/action/run-action.js";
import { DESCRIPTION_START } from "../../src/core/review/merge-description.js";
import { loadPromptTemplates } from "../../src/prompts/load-prompt-templates.js";
import { createRecordingLogger } from "../helpers/silent-logger.js";
import { loadWebhookExample } from "../helpers/webhook-examples.js";
import { API, chatCompletion, headSha, MODEL_API, number, owner, PATCH, payload, prPath, readsNoRepoSettings, repo, TARBALL, useActionEnv } from "./action-fixtures.js";

// The Action's answering commands, from real event files: `/describe` on `issue_comment`, and a
// reply in one of its threads on `pull_request_review_comment`. GitHub and the model are nock;
// every call either is listed here or fails the test.

const REPO_PATH = `/repos/${owner}/${repo}`;
const ACTIONS_BOT = "github-actions[bot]";
const ROOT_ID = 7001;
const FINDING = {
  id: ROOT_ID,
  path: "src/a.ts",
  line: 2,
  body: "**major** · Division by zero\n\n`a / 0` is always Infinity.\n<!-- patchwise:fp:abc -->",
  user: { login: ACTIONS_BOT, type: "Bot" },
};
const AUTHOR_TEXT = "Adds b.";
// What a hostile or confused model may write: mentions, a foreign link and image, HTML, another bot's command, a marker of ours.
const HOSTILE = "See @octocat and [docs](https://evil.example/x) ![t](https://evil.example/t.png) <img src=x onerror=alert(1)> <!-- patchwise:fp:zzz -->\n/lgtm";

const actionEnv = useActionEnv();

async function run(event: Record<string, unknown>, eventName: string) {
  return runAction({ inputs: readActionInputs(actionEnv(event, eventName)), templates: await loadPromptTemplates(), log: createRecordingLogger() });
}

/** A real `issue_comment.created` event on the fixture's pull request: `body` by `login`. */
function commentEvent(body: string, login: string) {
  const event = loadWebhookExample("issue_comment", (p) => p.action === "created");
  event.issue.pull_request = { url: `${API}${prPath}` };
  event.issue.number = number;
  event.comment.body = body;
  event.comment.user = { ...event.comment.user, login };
  event.sender = { ...event.sender, login };
  return event;
}

/** A real `pull_request_review_comment.created` event (as an Action's event file has it: no installation): a reply by `login` in thread `threadId`. */
function replyEvent(login: string, threadId: number, type = "User") {
  const event = loadWebhookExample("pull_request_review_comment", (p) => p.action === "created" && !p.installation);
  event.pull_request.number = number;
  event.comment = { ...event.comment, in_reply_to_id: threadId, user: { ...event.comment.user, login, type } };
  event.sender = { ...event.sender, login, type };
  return event;
}

const replyBy = (event: Record<string, any>) => ({ id: event.comment.id, in_reply_to_id: ROOT_ID, path: "src/a.ts", line: 2, body: "This is intended: b is never used.", user: event.comment.user });

/** What every answer reads: the permission of `login`, the config (none), the pull request, its files and the head's tarball. */
function nockAnswerReads(login: string, permission = "write") {
  return readsNoRepoSettings(nock(API).get(`${REPO_PATH}/collaborators/${login}/permission`).reply(200, { permission, role_name: permission }))
    .get(prPath)
    .reply(200, { ...payload.pull_request, body: AUTHOR_TEXT, state: "open" })
    .get(`${prPath}/files`)
    .query(true)
    .reply(200, [{ filename: "src/a.ts", status: "modified", additions: 1, deletions: 0, changes: 1, patch: PATCH }])
    .get(`${REPO_PATH}/tarball/${headSha}`)
    .reply(200, TARBALL, { "content-type": "application/x-gzip" });
}

/** The model's one answer (`content`, as JSON); the request bodies it received. */
function nockModelAnswer(content: unknown): Array<Record<string, any>> {
  const requests: Array<Record<string, any>> = [];
  nock(MODEL_API)
    .post("/chat/completions", (body) => Boolean(requests.push(body)))
    .reply(200, chatCompletion(content, "gpt-test", { prompt: 900, completion: 60 }));
  return requests;
}

/** The comments posted on the pull request's conversation (a refusal, a failed answer). */
function acceptsConversationComments(existing: object[] = []): string[] {
  const bodies: string[] = [];
  nock(API)
    .get(`${REPO_PATH}/issues/${number}/comments`)
    .query(true)
    .reply(200, existing)
    .post(`${REPO_PATH}/issues/${number}/comments`, (body) => Boolean(bodies.push(body.body)))
    .reply(201, { id: 12, html_url: "https://github.com/r/12" });
  return bodies;
}

/** Asserts that nothing posted holds what the hostile answer tried to slip through. */
function expectInert(text: string) {
  expect(text).not.toMatch(/(^|\s)@octocat/);
  expect(text).not.toContain("evil.example");
  expect(text).not.toMatch(/<img/i);
  expect(text).not.toMatch(/^\/lgtm/m);
  // Shown as text, not a hidden marker a later review would read as ours.
  expect(text).not.toContain("<!-- patchwise:fp:zzz");
}

describe("/describe in the Action", () => {
  it("from a maintainer: writes the section below the author's text, sends only the body, reacts 👀, and the footer says model, tokens and cost", async () => {
    const event = commentEvent("/describe", "maintainer-1");
    const written: Array<Record<string, unknown>> = [];
    nockAnswerReads("maintainer-1")
      .post(`${REPO_PATH}/issues/comments/${event.comment.id}/reactions`, { content: "eyes" })
      .reply(201, {})
      // Read again just before writing, so an edit made while the model worked is kept.
      .get(prPath)
      .reply(200, { ...payload.pull_request, body: AUTHOR_TEXT })
      .patch(prPath, (body) => Boolean(written.push(body)))
      .reply(200, { html_url: `https://github.com/${owner}/${repo}/pull/${number}` });
    const asked = nockModelAnswer({ what: `Adds b. ${HOSTILE}`, risk: "Low.", walkthrough: [{ path: "src/a.ts", change: "Adds `b`. @dependabot merge" }] });

    const result = await run(event, "issue_comment");

    expect(result).toMatchObject({ exitCode: 0, outcome: { status: "answered", url: `https://github.com/${owner}/${repo}/pull/${number}` } });
    expect(asked.map((body) => body.response_format.json_schema.name)).toEqual(["submit_description"]);
    expect(written).toHaveLength(1);
    expect(Object.keys(written[0]!)).toEqual(["body"]);
    const body = String(written[0]!.body);
    expect(body.startsWith(`${AUTHOR_TEXT}\n\n${DESCRIPTION_START}\n## Description by Patchwise\n\nAdds b.`)).toBe(true);
    const ours = body.slice(body.indexOf(DESCRIPTION_START));
    expectInert(ours);
    expect(ours).not.toMatch(/(^|\| )@dependabot merge/m);
    // gpt-test is in no catalog and no PATCHWISE_MODEL_PRICE is set: tokens, and no made-up cost.
    expect(ours).toContain("<sub>Written by Patchwise · model `gpt-test` via openai · 900 input / 60 output tokens. Edit above this section, which the next `/describe` replaces.</sub>");
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("from someone with read access: one refusal that names /describe, no 👀, no model call", async () => {
    const refusals = acceptsConversationComments();
    nock(API)
      .get(`${REPO_PATH}/collaborators/drive-by/permission`)
      .reply(200, { permission: "read", role_name: "read" })
      .get(`${REPO_PATH}/contents/.github%2Fpatchwise.yml`)
      .reply(404, { message: "Not Found" });

    const result = await run(commentEvent("/describe", "drive-by"), "issue_comment");

    expect(result).toEqual({ exitCode: 0, outcome: { status: "ignored", reason: "/describe refused: the commenter has read access" } });
    expect(refusals).toEqual([
      [
        "Patchwise runs `/describe` only for people with write access to this repository. Ask a maintainer to comment `/describe` if you would like a description.",
        "Further commands on this pull request from people without that access are ignored without a reply.",
        "<!-- patchwise:command-refused -->",
      ].join("\n\n"),
    ]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("fails the step when the model's answer is not a description, and says so on the pull request", async () => {
    const event = commentEvent("/describe", "maintainer-1");
    nockAnswerReads("maintainer-1").post(`${REPO_PATH}/issues/comments/${event.comment.id}/reactions`).reply(201, {});
    nockModelAnswer({ summary: "not what was asked" });
    const told = nock(API).post(`${REPO_PATH}/issues/${number}/comments`, (body) => String(body.body).startsWith("Patchwise could not answer this (asking the model): the model's answer did not match the answer schema")).reply(201, { id: 13 });

    const result = await run(event, "issue_comment");

    expect(result).toMatchObject({ exitCode: 1, outcome: { status: "failed", stage: "asking the model" } });
    expect(told.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe("a reply in one of the Action's threads (pull_request_review_comment)", () => {
  it("from a maintainer: one answer in the thread, sanitised, with the footer; the finding dismissed when it does not hold", async () => {
    const event = replyEvent("maintainer-1", ROOT_ID);
    const replies: string[] = [];
    nockAnswerReads("maintainer-1")
      // Newest first, down to the thread's first comment: one page.
      .get(`${prPath}/comments`)
      .query({ per_page: 100, sort: "created", direction: "desc" })
      .reply(200, [replyBy(event), FINDING])
      .post(`${prPath}/comments/${ROOT_ID}/replies`, (body) => Boolean(replies.push(body.body)))
      .reply(201, { id: 7003, html_url: "https://github.com/r/7003" });
    const asked = nockModelAnswer({ answer: `Agreed, \`b\` is never read. ${HOSTILE}`, verdict: "does not hold" });

    const result = await run(event, "pull_request_review_comment");

    expect(result).toMatchObject({ exitCode: 0, outcome: { status: "answered", url: "https://github.com/r/7003", modelRequest: { model: "gpt-test", inputTokens: 900, outputTokens: 60 } } });
    expect(asked).toHaveLength(1);
    expect(asked[0]!.messages.find((m: { role: string }) => m.role === "user").content).toContain("@maintainer-1 wrote:\nThis is intended: b is never used.");
    expect(replies).toHaveLength(1);
    const body = replies[0]!;
    expect(body.startsWith("Agreed, `b` is never read.")).toBe(true);
    expectInert(body);
    expect(body).toContain("> Patchwise will not raise this finding again on later pushes.");
    expect(body).toContain("<sub>Answered by Patchwise · model `gpt-test` via openai · 900 input / 60 output tokens</sub>");
    expect(body.match(/<!-- patchwise:[^>]*-->/g)).toEqual(["<!-- patchwise:dismissed -->", `<!-- patchwise:answer:${event.comment.id} -->`]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("from someone with read access: one refusal that names thread replies, no model call", async () => {
    const event = replyEvent("drive-by", ROOT_ID);
    nock(API)
      .get(`${prPath}/comments`)
      .query(true)
      .reply(200, [replyBy(event), FINDING])
      .get(`${REPO_PATH}/collaborators/drive-by/permission`)
      .reply(200, { permission: "read", role_name: "read" })
      .get(`${REPO_PATH}/contents/.github%2Fpatchwise.yml`)
      .reply(404, { message: "Not Found" });
    const refusals = acceptsConversationComments();

    const result = await run(event, "pull_request_review_comment");

    expect(result).toEqual({ exitCode: 0, outcome: { status: "ignored", reason: "thread reply refused: the commenter has read access" } });
    expect(refusals).toEqual([expect.stringMatching(/^Patchwise answers replies in its review threads only for people with write access to this repository\. A maintainer's reply in the thread gets an answer\./)]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("in someone else's thread: one read of the thread, then nothing (no access check, no model)", async () => {
    const event = replyEvent("maintainer-1", ROOT_ID);
    nock(API)
      .get(`${prPath}/comments`)
      .query(true)
      .reply(200, [replyBy(event), { ...FINDING, user: { login: "a-colleague", type: "User" } }]);

    const result = await run(event, "pull_request_review_comment");

    expect(result).toEqual({ exitCode: 0, outcome: { status: "ignored", reason: "reply in a thread Patchwise did not start" } });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("Patchwise's own reply arriving as an event: ignored before any call, whatever it says", async () => {
    const event = replyEvent(ACTIONS_BOT, ROOT_ID, "Bot");
    event.comment.body = "/ask why? @maintainer-1";

    const result = await run(event, "pull_request_review_comment");

    expect(result).toEqual({ exitCode: 0, outcome: { status: "ignored", reason: "sender is a bot" } });
    expect(nock.pendingMocks()).toEqual([]);
  });
});
