import type { RateLimit } from "./decide-rate-limit.js";

const UNIT_MS = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** How operators write a rate limit: `5/hour`, `30/day`, ... (at least 1), or `off`. */
export const RATE_LIMIT_PATTERN = /^(?:off|[1-9]\d*\/(?:second|minute|hour|day))$/;

/** `5/hour` → five per hour; `off` → null (no limit). Throws on anything else (validate with `RATE_LIMIT_PATTERN` first). */
export function parseRateLimit(text: string): RateLimit | null {
  if (text === "off") return null;
  const match = /^([1-9]\d*)\/(second|minute|hour|day)$/.exec(text);
  if (!match) throw new RangeError(`not a rate limit: expected N/second, N/minute, N/hour, N/day or off`);
  return { max: Number(match[1]), windowMs: UNIT_MS[match[2] as keyof typeof UNIT_MS] };
}
