import { inspect } from "node:util";
import { buildReviewJsonSchema } from "../../src/core/review/review-schema.js";
import type { ModelRequest } from "../../src/pipeline/ports.js";

/** Planted in prompts and error bodies: it must never show up in a ModelError. */
export const SENTINEL = "SENTINEL-secret-code-7f3a";

export function reviewRequest(overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    model: "test-model",
    system: "You review pull requests.",
    user: `Review this diff:\n+const token = "${SENTINEL}";`,
    schema: buildReviewJsonSchema(),
    schemaName: "submit_review",
    maxOutputTokens: 4000,
    ...overrides,
  };
}

export const validAnswer = { summary: "Adds a token constant.", walkthrough: [], findings: [] };

/** Everything an operator could see of an error: message, stack and every own property. */
export function everythingIn(err: unknown): string {
  return `${String(err)}\n${(err as Error).stack ?? ""}\n${inspect(err, { depth: 10, showHidden: true })}`;
}

/**
 * Jest runs tests in a vm context whose `Error` is not Node's, so the DOMException that
 * `fetch` throws on a timeout is not `instanceof Error` there and the SDKs lose its name.
 * In plain Node it is one; this fetch restores that so the tests see what production sees.
 */
export const sameRealmFetch: typeof fetch = async (input, init) => {
  try {
    return await fetch(input, init);
  } catch (err) {
    if (err instanceof Error) throw err;
    const { name, message } = err as { name?: string; message?: string };
    throw Object.assign(new Error(message ?? "fetch failed"), { name: name ?? "Error" });
  }
};

/** The rejection of `promise`, failing the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
