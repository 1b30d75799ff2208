import { describe, expect, it } from "@jest/globals";
import { buildAuditEvent, type AuditInput } from "../../../src/core/audit/build-audit-event.js";
import { buildTelemetryPayload } from "../../../src/core/telemetry/build-telemetry-payload.js";
import { countTelemetry, emptyTelemetryCounters } from "../../../src/core/telemetry/count-telemetry.js";
import { telemetryPayloadSchema } from "../../../src/core/telemetry/telemetry-payload-schema.js";

const RUNTIME = { patchwiseVersion: "0.1.0", nodeVersion: "v20.18.1", os: "linux", arch: "x64" };
const DEFAULT_MODEL = { provider: "openai", model: "gpt-4.1-mini" };
const IDENTIFYING = ["acme-corp", "rocket-launch", "jane-doe", "delivery-5f3a", "deadbeef", "987654"];
const JOB = { deliveryId: "delivery-5f3a", installationId: 987654, owner: "acme-corp", repo: "rocket-launch", pullNumber: 31, headSha: "deadbeef".repeat(5), trigger: "opened" as const, actor: "jane-doe" };
const USAGE = { provider: "openai", model: "gpt-4.1-mini", inputTokens: 900, outputTokens: 120 };

const events: AuditInput[] = [
  { time: new Date(0), job: JOB, review: { status: "posted", inlineComments: 4, durationMs: 10, modelRequests: USAGE } },
  { time: new Date(0), job: JOB, review: { status: "posted", inlineComments: 1, durationMs: 10, modelRequests: { ...USAGE, provider: "anthropic", model: "claude-sonnet-4-6" } } },
  { time: new Date(0), job: JOB, review: { status: "failed", stage: "asking the model", reason: "503 from acme-corp's proxy", durationMs: 10, modelRequests: USAGE } },
  { time: new Date(0), job: JOB, review: { status: "failed", stage: "posting rocket-launch/jane-doe", reason: "x", durationMs: 10, modelRequests: { ...USAGE, inputTokens: 0 } } },
  { time: new Date(0), job: JOB, review: { status: "skipped", reason: "draft pull request", durationMs: 1, modelRequests: { ...USAGE, inputTokens: 0, outputTokens: 0 } } },
  { time: new Date(0), job: { ...JOB, trigger: "command" }, refused: "jane-doe lacks write permission on acme-corp/rocket-launch" },
];

function payloadAfter(inputs: AuditInput[]) {
  const counters = inputs.map(buildAuditEvent).reduce(countTelemetry, emptyTelemetryCounters());
  return buildTelemetryPayload({ counters, runtime: RUNTIME, defaultModel: DEFAULT_MODEL });
}

describe("telemetry payload", () => {
  it("aggregates outcomes, comments, failed steps and models", () => {
    expect(payloadAfter(events)).toEqual({
      schemaVersion: 1,
      patchwiseVersion: "0.1.0",
      nodeVersion: "v20.18.1",
      os: "linux",
      arch: "x64",
      reviews: { posted: 2, skipped: 1, failed: 2, refused: 1 },
      comments: 5,
      errors: { "asking the model": 1, other: 1 },
      models: [
        { provider: "anthropic", model: "claude-sonnet-4-6", reviews: 1 },
        { provider: "openai", model: "gpt-4.1-mini", reviews: 2 },
      ],
    });
  });

  it("names no repository, owner, user, delivery, installation or commit, though every event carried them", () => {
    const payload = payloadAfter(events);
    const text = JSON.stringify(payload);
    for (const value of IDENTIFYING) expect(text).not.toContain(value);
    // Strict: a key outside the documented contract would fail here.
    expect(telemetryPayloadSchema.parse(payload)).toEqual(payload);
  });

  it("lists the operator's default model before any review used it", () => {
    expect(payloadAfter([]).models).toEqual([{ provider: "openai", model: "gpt-4.1-mini", reviews: 0 }]);
    expect(payloadAfter([]).reviews).toEqual({ posted: 0, skipped: 0, failed: 0, refused: 0 });
  });

  it("bounds the model names a repository config can put into the payload", () => {
    const many = Array.from({ length: 30 }, (_, i): AuditInput => ({
      time: new Date(0),
      job: JOB,
      review: { status: "posted", durationMs: 1, modelRequests: { ...USAGE, model: `model-${i}-${"x".repeat(200)}` } },
    }));
    const { models } = payloadAfter(many);
    // 20 names, "other" for the 10 beyond them, and the operator's default (unused here).
    expect(models).toHaveLength(22);
    expect(models.find((m) => m.model === "other")).toEqual({ provider: "openai", model: "other", reviews: 10 });
    expect(Math.max(...models.map((m) => m.model.length))).toBeLessThanOrEqual(100);
  });
});
