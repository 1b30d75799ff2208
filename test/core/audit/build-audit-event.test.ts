import { describe, expect, it } from "@jest/globals";
import { auditEventSchema } from "../../../src/core/audit/audit-event-schema.js";
import { buildAuditEvent, countSentLines, type AuditJob } from "../../../src/core/audit/build-audit-event.js";
import { parsePatch } from "../../../src/core/diff/parse-patch.js";
import type { PipelineJob, ReviewOutcome } from "../../../src/pipeline/review-pull-request.js";

const TIME = new Date("2025-03-04T05:06:07.890Z");
const JOB: AuditJob = {
  deliveryId: "d-1",
  installationId: 42,
  owner: "acme",
  repo: "rocket",
  pullNumber: 7,
  headSha: "a".repeat(40),
  trigger: "synchronize",
  actor: "octocat",
};
const USAGE = { provider: "openai", model: "gpt-4.1-mini", requests: 2, inputTokens: 1200, outputTokens: 340, answeredBy: [{ part: "review" as const, model: "gpt-4.1", requests: 1 }, { part: "review" as const, model: "gpt-4.1-mini", requests: 1 }] };

describe("buildAuditEvent", () => {
  it("records a posted review: ids, what was sent, tokens, redactions by type, comments, duration", () => {
    const event = buildAuditEvent({
      time: TIME,
      job: JOB,
      review: {
        status: "posted",
        headSha: "a".repeat(40),
        inlineComments: 3,
        durationMs: 1534.6,
        modelRequests: USAGE,
        sent: { files: 2, lines: 48, relatedLines: 120 },
        secretsRedacted: { "aws-access-key": 1, "github-token": 2 },
      },
    });

    expect(event).toEqual({
      schemaVersion: 1,
      time: "2025-03-04T05:06:07.890Z",
      deliveryId: "d-1",
      installationId: 42,
      repository: "acme/rocket",
      pullNumber: 7,
      headSha: "a".repeat(40),
      trigger: "synchronize",
      actor: "octocat",
      command: "review",
      decision: { action: "run" },
      provider: "openai",
      model: "gpt-4.1-mini",
      // A fallback model answered one of the two requests: the log says so, by name.
      answeredBy: [
        { part: "review", model: "gpt-4.1", requests: 1 },
        { part: "review", model: "gpt-4.1-mini", requests: 1 },
      ],
      sent: { files: 2, lines: 48, relatedLines: 120 },
      tokens: { input: 1200, output: 340 },
      secretsRedacted: { count: 3, byType: { "aws-access-key": 1, "github-token": 2 } },
      commentsPosted: 3,
      partial: null,
      durationMs: 1535,
      outcome: { status: "posted", stage: null, reason: null },
    });
    expect(auditEventSchema.parse(event)).toEqual(event);
  });

  it("takes the pipeline's job and outcome as they are: what was sent and redacted, the head sha from the review", () => {
    // Typed as the pipeline's own types, so the type-check fails if they stop fitting.
    const job: PipelineJob = { deliveryId: "d-1", installationId: 42, owner: "acme", repo: "rocket", pullNumber: 7, headSha: null, trigger: "command" };
    const outcome: ReviewOutcome = { status: "failed", stage: "asking the model", reason: "the model endpoint answered 503", durationMs: 20, modelMs: 15, modelRequests: USAGE, sent: { files: 2, lines: 30, relatedLines: 0 }, secretsRedacted: { "aws-access-key": 1 } };
    const event = buildAuditEvent({ time: TIME, job, review: outcome });

    expect(event).toMatchObject({
      headSha: null,
      actor: null,
      sent: { files: 2, lines: 30, relatedLines: 0 },
      secretsRedacted: { count: 1, byType: { "aws-access-key": 1 } },
      commentsPosted: 0,
      outcome: { status: "failed", stage: "asking the model", reason: "the model endpoint answered 503" },
    });
    expect(auditEventSchema.safeParse(event).success).toBe(true);
  });

  it("counts a partial review: the model requests that failed for good and the files they held", () => {
    const outcome: ReviewOutcome = {
      status: "posted",
      headSha: "a".repeat(40),
      inlineComments: 2,
      findings: 2,
      severities: ["minor", "minor"],
      reviewUrl: "https://github.com/acme/rocket/pull/7#pullrequestreview-1",
      failing: false,
      partial: { requests: 1, of: 4, files: 12 },
      durationMs: 20,
      modelMs: 15,
      modelRequests: USAGE,
      sent: { files: 40, lines: 900, relatedLines: 0 },
      secretsRedacted: {},
    };
    const event = buildAuditEvent({ time: TIME, job: JOB, review: outcome });
    expect(event.partial).toEqual({ failedRequests: 1, files: 12 });
    expect(auditEventSchema.parse(event)).toEqual(event);
  });

  it("records a skipped review with its reason and no stage", () => {
    const event = buildAuditEvent({ time: TIME, job: JOB, review: { status: "skipped", reason: "draft pull request", durationMs: 3, modelRequests: { ...USAGE, inputTokens: 0, outputTokens: 0 } } });
    expect(event.outcome).toEqual({ status: "skipped", stage: null, reason: "draft pull request" });
    expect(event.decision).toEqual({ action: "run" });
  });

  it("records a refused request: decision and reason, nothing sent, no model", () => {
    const event = buildAuditEvent({ time: TIME, job: { ...JOB, trigger: "command", headSha: null }, refused: "commenter lacks write permission" });

    expect(event).toMatchObject({
      decision: { action: "refused", reason: "commenter lacks write permission" },
      provider: null,
      model: null,
      answeredBy: [],
      sent: { files: 0, lines: 0, relatedLines: 0 },
      tokens: { input: 0, output: 0 },
      outcome: { status: "skipped", stage: null, reason: "commenter lacks write permission" },
    });
    expect(auditEventSchema.safeParse(event).success).toBe(true);
  });

  it.each([
    ["an /ask", { trigger: "command" as const, command: { name: "ask" as const } }, "ask"],
    ["a reply in Patchwise's thread", { trigger: "command" as const, command: { name: "thread" as const } }, "thread"],
    ["a /describe", { trigger: "command" as const, command: { name: "describe" as const } }, "describe"],
    ["describe: auto on an opened pull request", { trigger: "opened" as const }, "describe"],
  ])("records %s that was answered: the command, what its one request sent and spent, no comment counted as inline", (_name, jobFields, command) => {
    const event = buildAuditEvent({
      time: TIME,
      job: { ...JOB, headSha: null, ...jobFields },
      answer: {
        status: "answered",
        durationMs: 812.4,
        sent: { files: 1, lines: 12, relatedLines: 30, secretsRedacted: { jwt: 1 } },
        modelRequest: { provider: "openai", model: "gpt-4.1-mini", inputTokens: 1200, outputTokens: 340 },
      },
    });

    expect(event).toMatchObject({
      command,
      trigger: jobFields.trigger,
      decision: { action: "run" },
      provider: "openai",
      model: "gpt-4.1-mini",
      sent: { files: 1, lines: 12, relatedLines: 30 },
      tokens: { input: 1200, output: 340 },
      secretsRedacted: { count: 1, byType: { jwt: 1 } },
      commentsPosted: 0,
      durationMs: 812,
      outcome: { status: "posted", stage: null, reason: null },
    });
    expect(auditEventSchema.parse(event)).toEqual(event);
  });

  it("records an answer that failed before any model request: no model, nothing sent, the stage", () => {
    const event = buildAuditEvent({
      time: TIME,
      job: { ...JOB, trigger: "command", headSha: null, command: { name: "ask" } },
      answer: { status: "failed", stage: "reading the pull request", reason: "GitHub answered 502", durationMs: 40, sent: null, modelRequest: null },
    });

    expect(event).toMatchObject({ command: "ask", provider: null, model: null, sent: { files: 0, lines: 0, relatedLines: 0 }, tokens: { input: 0, output: 0 }, outcome: { status: "failed", stage: "reading the pull request", reason: "GitHub answered 502" } });
    expect(auditEventSchema.parse(event)).toEqual(event);
  });

  it("names the refused command", () => {
    expect(buildAuditEvent({ time: TIME, job: { ...JOB, trigger: "command", headSha: null, command: { name: "describe" } }, refused: "no access" }).command).toBe("describe");
    expect(buildAuditEvent({ time: TIME, job: { ...JOB, trigger: "command", headSha: null }, refused: "no access" }).command).toBe("review");
  });

  it("drops zero counts from the redaction types", () => {
    const event = buildAuditEvent({ time: TIME, job: JOB, review: { status: "posted", durationMs: 1, modelRequests: USAGE, secretsRedacted: { jwt: 0, "private-key": 1 } } });
    expect(event.secretsRedacted).toEqual({ count: 1, byType: { "private-key": 1 } });
  });
});

describe("countSentLines", () => {
  it("counts the files and every hunk line the prompt carries", () => {
    const patch = parsePatch({ path: "a.ts", status: "modified", additions: 2, deletions: 1, patch: "@@ -1,2 +1,3 @@\n a\n-b\n+c\n+d" });
    expect(countSentLines([patch, { ...patch, path: "b.ts" }])).toEqual({ files: 2, lines: 8 });
  });
});
