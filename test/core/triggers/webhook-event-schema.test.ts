import { describe, expect, it } from "@jest/globals";
import { parseWebhookAction, parseWebhookEvent } from "../../../src/core/triggers/webhook-event-schema.js";
import { loadWebhookExample } from "../../helpers/webhook-examples.js";

describe("parseWebhookEvent", () => {
  it("accepts real payloads with their many unread fields, keeping the delivery id", () => {
    const pr = loadWebhookExample("pull_request", (p) => p.action === "opened" && Boolean(p.installation));
    const comment = loadWebhookExample("issue_comment", (p) => p.action === "created" && Boolean(p.installation));
    const parsedPr = parseWebhookEvent("pull_request", pr, "d-1");
    const parsedComment = parseWebhookEvent("issue_comment", comment, "d-2");
    expect(parsedPr).toMatchObject({ ok: true, event: { name: "pull_request", deliveryId: "d-1", payload: { action: "opened" } } });
    expect(parsedComment).toMatchObject({ ok: true, event: { name: "issue_comment", deliveryId: "d-2", payload: { action: "created" } } });
  });

  it.each([
    ["pull_request" as const, (p: Record<string, any>) => (p.installation = { id: "1" }), "installation.id:"],
    ["pull_request" as const, (p: Record<string, any>) => delete p.pull_request.head.sha, "pull_request.head.sha:"],
    ["pull_request" as const, (p: Record<string, any>) => (p.pull_request.number = "2"), "pull_request.number:"],
    ["issue_comment" as const, (p: Record<string, any>) => delete p.comment.user, "comment.user:"],
    ["issue_comment" as const, (p: Record<string, any>) => delete p.repository.owner.login, "repository.owner.login:"],
    ["issue_comment" as const, (p: Record<string, any>) => delete p.issue.user, "issue.user:"],
    ["issue_comment" as const, (p: Record<string, any>) => (p.repository.private = "no"), "repository.private:"],
  ])("names the missing or wrong field of a %s payload", (name, edit, expected) => {
    const payload = loadWebhookExample(name, (p) => Boolean(p.installation));
    edit(payload);
    const parsed = parseWebhookEvent(name, payload, "d-3");
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toContain(`${name} payload: `);
    expect(!parsed.ok && parsed.error).toContain(expected);
  });

  it("accepts an event without an installation, as a GitHub Actions event file is", () => {
    const payload = loadWebhookExample("pull_request", (p) => Boolean(p.installation));
    delete payload.installation;
    expect(parseWebhookEvent("pull_request", payload, "d-6").ok).toBe(true);
  });

  it("does not quote payload values in its error", () => {
    const payload = loadWebhookExample("issue_comment", (p) => Boolean(p.installation));
    payload.comment.body = { secret: "sk-live-do-not-log" };
    const parsed = parseWebhookEvent("issue_comment", payload, "d-4");
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).not.toContain("sk-live");
  });

  it.each([null, "a string", 42])("refuses a payload that is not an object (%j)", (payload) => {
    expect(parseWebhookEvent("pull_request", payload, "d-5")).toEqual({ ok: false, error: expect.stringContaining("pull_request payload: (payload):") });
  });
});

describe("parseWebhookAction", () => {
  it("reads the action of a real payload, and none of an event that has none", () => {
    expect(parseWebhookAction("pull_request", loadWebhookExample("pull_request", (p) => p.action === "opened"))).toEqual({ ok: true, action: "opened" });
    expect(parseWebhookAction("push", loadWebhookExample("push"))).toEqual({ ok: true, action: undefined });
  });

  it.each([
    ["an action that is an object", { action: { toString: 1 } }, "pull_request payload: action: Invalid input: expected string, received object"],
    ["an action that is a number", { action: 7 }, "pull_request payload: action: Invalid input: expected string, received number"],
    ["a payload that is not an object", ["opened"], "pull_request payload: (payload): Invalid input: expected object, received array"],
  ])("names the problem with %s, without quoting a value", (_case, payload, error) => {
    expect(parseWebhookAction("pull_request", payload)).toEqual({ ok: false, error });
  });
});
