import { afterEach, describe, expect, it, jest } from "@jest/globals";
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTelemetry, serializeTelemetryPayload, type TelemetryOptions } from "../../../src/app/telemetry/create-telemetry.js";
import { readRuntimeFacts } from "../../../src/app/telemetry/read-runtime-facts.js";
import { buildAuditEvent } from "../../../src/core/audit/build-audit-event.js";
import { emptyTelemetryCounters } from "../../../src/core/telemetry/count-telemetry.js";
import { telemetryPayloadSchema } from "../../../src/core/telemetry/telemetry-payload-schema.js";
import { readEnv } from "../../../src/env.js";
import { createRecordingLogger } from "../../helpers/silent-logger.js";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const RUNTIME = { patchwiseVersion: "0.1.0", nodeVersion: "v20.18.1", os: "linux", arch: "x64" };
const DEFAULT_MODEL = { provider: "openai", model: "gpt-4.1-mini" };
const event = buildAuditEvent({
  time: new Date(0),
  job: { deliveryId: "delivery-77", installationId: 555, owner: "acme-corp", repo: "rocket-launch", pullNumber: 3, headSha: "c".repeat(40), trigger: "opened", actor: "jane-doe" },
  review: { status: "posted", inlineComments: 2, durationMs: 10, modelRequests: { provider: "openai", model: "gpt-4.1-mini", inputTokens: 100, outputTokens: 20 } },
});

type Received = { method: string; contentType: string | undefined; body: string };
let collector: Server | undefined;

afterEach(async () => {
  jest.useRealTimers();
  await new Promise<void>((resolve) => (collector ? collector.close(() => resolve()) : resolve()));
  collector = undefined;
});

/** A telemetry collector on loopback that records what it receives. */
async function startCollector(): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  collector = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk)).on("end", () => {
      received.push({ method: req.method ?? "", contentType: req.headers["content-type"], body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => collector!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(collector.address() as AddressInfo).port}/v1/heartbeat`, received };
}

function options(overrides: Partial<TelemetryOptions>): TelemetryOptions {
  return { url: undefined, disabled: false, runtime: RUNTIME, defaultModel: DEFAULT_MODEL, log: createRecordingLogger(), ...overrides };
}

describe("createTelemetry", () => {
  it("POSTs the aggregated heartbeat to PATCHWISE_TELEMETRY_URL once a day has passed, naming no repository or user", async () => {
    const { url, received } = await startCollector();
    let now = 1_000_000;
    const telemetry = createTelemetry(options({ url, now: () => now }));
    telemetry.record(event);
    telemetry.record(event);
    const expectedBody = telemetry.body();

    now += DAY;
    expect(await telemetry.sendIfDue()).toBe(true);

    expect(received).toEqual([{ method: "POST", contentType: "application/json", body: expectedBody }]);
    const payload = telemetryPayloadSchema.parse(JSON.parse(received[0]!.body));
    expect(payload).toMatchObject({ reviews: { posted: 2, skipped: 0, failed: 0, refused: 0 }, comments: 4, models: [{ provider: "openai", model: "gpt-4.1-mini", reviews: 2 }] });
    for (const value of ["acme-corp", "rocket-launch", "jane-doe", "delivery-77", "555", "ccccc"]) expect(received[0]!.body).not.toContain(value);
    // Counters start again after a heartbeat.
    expect(JSON.parse(telemetry.body()).reviews).toEqual({ posted: 0, skipped: 0, failed: 0, refused: 0 });
  });

  it("sends at most once a day, the first a full day after start", async () => {
    let now = 0;
    const fetch = jest.fn(async () => new Response(null, { status: 204 }));
    const telemetry = createTelemetry(options({ url: "https://telemetry.example/hb", now: () => now, fetch: fetch as unknown as typeof globalThis.fetch }));

    const sentAt = async (time: number) => ((now = time), telemetry.sendIfDue());
    expect(await sentAt(DAY - 1)).toBe(false);
    expect(await sentAt(DAY)).toBe(true);
    expect(await sentAt(DAY + HOUR)).toBe(false);
    expect(await sentAt(2 * DAY - 1)).toBe(false);
    expect(await sentAt(2 * DAY)).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("counts a failed heartbeat as the day's one attempt, and logs only its status", async () => {
    let now = 0;
    const log = createRecordingLogger();
    const fetch = jest.fn(async () => new Response("nope", { status: 500 }));
    const telemetry = createTelemetry(options({ url: "https://telemetry.example/hb", now: () => now, fetch: fetch as unknown as typeof globalThis.fetch, log }));

    now = DAY;
    await telemetry.sendIfDue();
    now = DAY + HOUR;
    expect(await telemetry.sendIfDue()).toBe(false);

    expect(fetch).toHaveBeenCalledTimes(1);
    expect(log.lines).toEqual([{ level: "warn", obj: { status: 500 }, msg: "telemetry heartbeat refused; the next one is due in a day" }]);
  });

  it("logs only the error's name when the collector cannot be reached", async () => {
    let now = 0;
    const log = createRecordingLogger();
    const fetch = jest.fn(async () => {
      throw new TypeError("fetch failed: https://telemetry.example/hb?token=abc");
    });
    const telemetry = createTelemetry(options({ url: "https://telemetry.example/hb?token=abc", now: () => now, fetch: fetch as unknown as typeof globalThis.fetch, log }));

    now = DAY;
    expect(await telemetry.sendIfDue()).toBe(true);

    expect(log.lines).toEqual([{ level: "warn", obj: { error: "TypeError" }, msg: "telemetry heartbeat not sent; the next one is due in a day" }]);
  });

  it.each([
    ["no PATCHWISE_TELEMETRY_URL", { url: undefined, disabled: false }],
    ["PATCHWISE_TELEMETRY_DISABLED", { url: "https://telemetry.example/hb", disabled: true }],
  ])("sends nothing, ever, with %s", async (_name, settings) => {
    jest.useFakeTimers({ now: 0 });
    const fetch = jest.fn(async () => new Response(null, { status: 204 }));
    const telemetry = createTelemetry(options({ ...settings, fetch: fetch as unknown as typeof globalThis.fetch }));
    telemetry.record(event);

    telemetry.start();
    await jest.advanceTimersByTimeAsync(3 * DAY);
    expect(await telemetry.sendIfDue()).toBe(false);

    expect(telemetry.active).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("checks on a timer: the first heartbeat a day after start, then one a day", async () => {
    jest.useFakeTimers({ now: 0 });
    const fetch = jest.fn(async () => new Response(null, { status: 204 }));
    const telemetry = createTelemetry(options({ url: "https://telemetry.example/hb", fetch: fetch as unknown as typeof globalThis.fetch }));

    telemetry.start();
    await jest.advanceTimersByTimeAsync(DAY - HOUR);
    expect(fetch).toHaveBeenCalledTimes(0);
    await jest.advanceTimersByTimeAsync(HOUR);
    expect(fetch).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(DAY - HOUR);
    expect(fetch).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(HOUR);
    expect(fetch).toHaveBeenCalledTimes(2);
    telemetry.stop();
    expect(jest.getTimerCount()).toBe(0);
  });

  it("unrefs its timer", () => {
    const refedTimers = () => process.getActiveResourcesInfo().filter((name) => name === "Timeout").length;
    const before = refedTimers();
    const telemetry = createTelemetry(options({ url: "https://telemetry.example/hb" }));
    telemetry.start();
    expect(refedTimers()).toBe(before);
    telemetry.stop();
  });
});

describe("environment", () => {
  it("reads the telemetry and audit settings; telemetry is off by default", () => {
    expect(readEnv({}).telemetry).toEqual({ url: undefined, disabled: false });
    expect(readEnv({}).auditLogPath).toBeUndefined();
    expect(readEnv({ PATCHWISE_TELEMETRY_URL: "https://t.example/hb", PATCHWISE_TELEMETRY_DISABLED: "true", PATCHWISE_AUDIT_LOG: "/var/log/pw.jsonl" })).toMatchObject({
      telemetry: { url: "https://t.example/hb", disabled: true },
      auditLogPath: "/var/log/pw.jsonl",
    });
    expect(() => readEnv({ PATCHWISE_TELEMETRY_DISABLED: "maybe" })).toThrow(/PATCHWISE_TELEMETRY_DISABLED/);
    expect(() => readEnv({ PATCHWISE_TELEMETRY_URL: "file:///etc/passwd" })).toThrow(/PATCHWISE_TELEMETRY_URL/);
  });
});

describe("npm run telemetry:preview", () => {
  it("prints exactly the body a heartbeat of this configuration would send", async () => {
    const { stdout, stderr, code } = await runPreview({ PATCHWISE_PROVIDER: "anthropic", PATCHWISE_MODEL: "claude-sonnet-4-6" });

    expect(code).toBe(0);
    const expected = serializeTelemetryPayload(emptyTelemetryCounters(), { runtime: await readRuntimeFacts(), defaultModel: { provider: "anthropic", model: "claude-sonnet-4-6" } });
    expect(stdout).toBe(expected);
    expect(telemetryPayloadSchema.parse(JSON.parse(stdout))).toMatchObject({ nodeVersion: process.version, os: process.platform, arch: process.arch });
    expect(stderr).toContain("PATCHWISE_TELEMETRY_URL is not set, so nothing is sent anywhere");
  });

  it("says where a configured heartbeat goes", async () => {
    const { stderr } = await runPreview({ PATCHWISE_TELEMETRY_URL: "https://t.example/hb" });
    expect(stderr).toContain("POSTs this body to https://t.example/hb at most once a day");
  });
});

function runPreview(env: Record<string, string>): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/app/telemetry/preview-telemetry.ts"], { env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ stdout, stderr, code }));
  });
}
