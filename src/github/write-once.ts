import { setTimeout as sleep } from "node:timers/promises";

/** Octokit's per-request option that turns its retry plugin off for one call. */
export type NoRetries = { retries: 0 };

export interface WriteOnceOptions {
  /** Wait before looking for what a failed attempt left, times the attempt's number (default 2 s). */
  retryDelayMs?: number;
}

const MAX_ATTEMPTS = 3;
const DEFAULT_RETRY_DELAY_MS = 2_000;
const NO_RETRIES: NoRetries = { retries: 0 };

/**
 * Sends a GitHub write that must land once. Octokit's retry plugin resends a POST after a 5xx, and
 * a 5xx (or a dropped connection or timeout, which Octokit reports as 500) does not prove that
 * GitHub dropped the write: so `send` goes out without the plugin's retries (pass its argument as
 * the call's `request`), and after an attempt that may have reached GitHub, `find` looks for what
 * that attempt left, by a marker or external id of this run alone, before another is sent.
 */
export async function writeOnce<T>(send: (request: NoRetries) => Promise<T>, find: () => Promise<T | undefined>, options: WriteOnceOptions = {}): Promise<T> {
  const delayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await send(NO_RETRIES);
    } catch (error) {
      if (!mayHaveReachedGitHub(error)) throw error;
      // A gateway that gave up may leave GitHub still writing: give it time before looking.
      await sleep(delayMs * attempt);
      const landed = await find();
      if (landed !== undefined) return landed;
      if (attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

function mayHaveReachedGitHub(error: unknown): boolean {
  const status = typeof error === "object" && error !== null && "status" in error ? (error as { status: unknown }).status : undefined;
  return typeof status === "number" && status >= 500;
}
