import { describe, expect, it, jest } from "@jest/globals";
import { measureWebhookFlood } from "../../bench/load/measure-webhook-flood.js";
import { SLOW_TEST_TIMEOUT_MS, WAIT_SAFETY_NET_MS } from "../helpers/wait-for.js";

// Starts the App: a safety net far above what this test needs (see wait-for.ts).
jest.setTimeout(SLOW_TEST_TIMEOUT_MS);

// The benchmark's webhook-flood section, scaled down, so `npm run bench` cannot break unnoticed:
// the real server entry (through tsx) against the fakes, a few connections POSTing 1 MB bodies.

describe("npm run bench: webhook-flood section", () => {
  it("answers the signed delivery sent mid-flood, refuses every unsigned POST, and reads the App's peak RSS", async () => {
    const measured = await measureWebhookFlood({ entry: "source", attackers: 3, bodyBytes: 1024 * 1024, floodMs: 400, answerTimeoutMs: WAIT_SAFETY_NET_MS, timeoutMs: WAIT_SAFETY_NET_MS });

    expect(measured.signed.status).toBe(200);
    expect(measured.signed.ms).toBeGreaterThan(0);
    const outcomes = Object.keys(measured.flood);
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.filter((outcome) => !["400", "503", "no answer"].includes(outcome))).toEqual([]);
    // Every connection ended at least one POST before the flood stopped.
    expect(Object.values(measured.flood).reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(3);
    expect(measured.beforeKiB).toBeGreaterThan(10_000);
    expect(measured.afterKiB).toBeGreaterThanOrEqual(measured.beforeKiB);
  });
});
