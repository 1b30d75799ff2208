import { afterEach, describe, expect, it } from "@jest/globals";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { createAuditSink } from "../../src/audit/create-audit-sink.js";
import { auditEventSchema } from "../../src/core/audit/audit-event-schema.js";
import { buildAuditEvent } from "../../src/core/audit/build-audit-event.js";
import { createLogger } from "../../src/log.js";
import { createRecordingLogger } from "../helpers/silent-logger.js";

const JOB = { deliveryId: "d-9", installationId: 1, owner: "acme", repo: "rocket", pullNumber: 5, headSha: "b".repeat(40), trigger: "opened" as const, actor: "octocat" };
const posted = buildAuditEvent({
  time: new Date("2025-01-02T03:04:05.000Z"),
  job: JOB,
  review: { status: "posted", inlineComments: 2, durationMs: 900, modelRequests: { provider: "openai", model: "gpt-4.1-mini", inputTokens: 10, outputTokens: 5 }, secretsRedacted: { jwt: 1 } },
});
const refused = buildAuditEvent({ time: new Date("2025-01-02T03:04:06.000Z"), job: { ...JOB, deliveryId: "d-10" }, refused: "rate limit: 5 reviews per PR per hour" });

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function jsonLines(text: string): unknown[] {
  return text.trim().split("\n").map((line) => JSON.parse(line));
}

describe("createAuditSink", () => {
  it("logs each event as one JSON line at info level, marked audit: true, nothing censored", async () => {
    let output = "";
    const stream = new Writable({ write: (chunk, _enc, done) => ((output += chunk), done()) });
    const sink = createAuditSink({ log: createLogger("info", stream) });

    await sink.record(posted);

    const [line] = jsonLines(output) as Array<Record<string, unknown>>;
    // The real logger's redaction must not censor any field of the event (none is a content key).
    expect(line).toMatchObject({ level: 30, audit: true, msg: "audit event", event: posted });
    expect(auditEventSchema.parse(line!.event)).toEqual(posted);
  });

  it("appends one line per event to PATCHWISE_AUDIT_LOG, creating it readable by the owner only", async () => {
    dir = mkdtempSync(join(tmpdir(), "patchwise-audit-"));
    const file = join(dir, "audit.jsonl");
    const sink = createAuditSink({ log: createRecordingLogger(), filePath: file });

    await sink.record(posted);
    await sink.record(refused);

    expect(jsonLines(readFileSync(file, "utf8"))).toEqual([posted, refused]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("logs a failed file write instead of failing the review", async () => {
    dir = mkdtempSync(join(tmpdir(), "patchwise-audit-"));
    const log = createRecordingLogger();
    const sink = createAuditSink({ log, filePath: join(dir, "missing-dir", "audit.jsonl") });

    await expect(sink.record(posted)).resolves.toBeUndefined();

    expect(log.lines.map(({ level, msg }) => [level, msg])).toEqual([
      ["info", "audit event"],
      ["error", "could not append to PATCHWISE_AUDIT_LOG"],
    ]);
    expect(log.lines[1]!.obj).toEqual({ audit: true, deliveryId: "d-9", code: "ENOENT" });
  });
});
