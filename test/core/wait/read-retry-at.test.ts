import { describe, expect, it } from "@jest/globals";
import { formatUtcTime } from "../../../src/core/wait/format-utc-time.js";
import { readRetryAt, type RetryAt } from "../../../src/core/wait/read-retry-at.js";

const NOW = Date.UTC(2026, 0, 5, 14, 0, 0);
const SENT = "Mon, 05 Jan 2026 13:59:30 GMT";

describe("readRetryAt", () => {
  it.each<[string, Record<string, string>, RetryAt | undefined]>([
    ["Retry-After in seconds, from the answer's date", { "retry-after": "3600", date: SENT }, { at: Date.parse(SENT) + 3_600_000, waitMs: 3_600_000 }],
    ["Retry-After in seconds, from now without a date", { "retry-after": "30" }, { at: NOW + 30_000, waitMs: 30_000 }],
    ["Retry-After as an HTTP date", { "retry-after": "Mon, 05 Jan 2026 15:00:00 GMT" }, { at: Date.UTC(2026, 0, 5, 15), waitMs: 3_600_000 }],
    ["retry-after-ms first (the providers' own)", { "retry-after-ms": "1500", "retry-after": "2" }, { at: NOW + 1_500, waitMs: 1_500 }],
    ["GitHub's primary limit: none left, reset in epoch seconds", { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(NOW / 1000 + 3600) }, { at: NOW + 3_600_000, waitMs: 3_600_000 }],
    ["a reset already past waits nothing", { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(NOW / 1000 - 10) }, { at: NOW, waitMs: 0 }],
    ["requests left: the reset every answer carries is no wait", { "x-ratelimit-remaining": "4999", "x-ratelimit-reset": String(NOW / 1000 + 3600) }, undefined],
    ["no header", {}, undefined],
    ["a Retry-After that is neither", { "retry-after": "soon" }, undefined],
  ])("%s", (_name, headers, expected) => {
    expect(readRetryAt((name) => headers[name], NOW)).toEqual(expected);
  });
});

describe("formatUtcTime", () => {
  it("names the second in UTC, rounded up", () => {
    expect(formatUtcTime(Date.UTC(2026, 0, 5, 15, 0, 0))).toBe("2026-01-05 15:00:00 UTC");
    expect(formatUtcTime(Date.UTC(2026, 0, 5, 15, 0, 0) + 1)).toBe("2026-01-05 15:00:01 UTC");
  });
});
