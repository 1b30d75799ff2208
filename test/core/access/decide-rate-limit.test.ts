import { describe, expect, it } from "@jest/globals";
import { decideRateLimit } from "../../../src/core/access/decide-rate-limit.js";
import { parseRateLimit } from "../../../src/core/access/parse-rate-limit.js";

const HOUR = 3_600_000;
const fivePerHour = { max: 5, windowMs: HOUR };

describe("decideRateLimit", () => {
  it("allows while fewer than max events fall in the window", () => {
    expect(decideRateLimit([], 0, fivePerHour)).toEqual({ allowed: true });
    expect(decideRateLimit([1, 2, 3, 4], 10, fivePerHour)).toEqual({ allowed: true });
  });

  it("refuses the sixth in an hour, saying when the oldest leaves the window", () => {
    const times = [0, 60_000, 120_000, 180_000, 240_000];
    expect(decideRateLimit(times, 300_000, fivePerHour)).toEqual({ allowed: false, retryAfterMs: HOUR - 300_000 });
  });

  it("slides: events older than the window no longer count", () => {
    const times = [0, 60_000, 120_000, 180_000, 240_000];
    expect(decideRateLimit(times, HOUR, fivePerHour)).toEqual({ allowed: true });
    expect(decideRateLimit(times, HOUR - 1, fivePerHour)).toEqual({ allowed: false, retryAfterMs: 1 });
  });

  it("waits for as many events to leave as are over the limit, in any order given", () => {
    const times = [240_000, 0, 180_000, 60_000, 120_000, 200_000, 210_000];
    // Seven in the window, max five: three must leave, the third oldest (120 000) last.
    expect(decideRateLimit(times, 300_000, fivePerHour)).toEqual({ allowed: false, retryAfterMs: 120_000 + HOUR - 300_000 });
  });

  it("ignores events after now (a clock that went back)", () => {
    expect(decideRateLimit([10, 20, 30, 40, 50], 5, fivePerHour)).toEqual({ allowed: true });
  });
});

describe("parseRateLimit", () => {
  it.each([
    ["5/hour", { max: 5, windowMs: HOUR }],
    ["30/hour", { max: 30, windowMs: HOUR }],
    ["2/minute", { max: 2, windowMs: 60_000 }],
    ["100/day", { max: 100, windowMs: 24 * HOUR }],
    ["off", null],
  ])("reads %s", (text, expected) => {
    expect(parseRateLimit(text)).toEqual(expected);
  });

  it.each(["0/hour", "5/week", "5 per hour", "-1/hour", ""])("refuses %j", (text) => {
    expect(() => parseRateLimit(text)).toThrow(RangeError);
  });
});
