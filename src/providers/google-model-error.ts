import { describeHttpFailure, describeTransportFailure, describeUnexpected, ModelError } from "./model-error.js";

export interface GoogleFailureContext {
  provider: "gemini" | "vertex";
  baseUrl: string | undefined;
  /** The review's own signal: aborted means cancelled, any other abort is the timeout. */
  signal: AbortSignal | undefined;
  /** Whether the model request went out; before it, only the credentials could have failed. */
  sent: boolean;
}

/**
 * Converts what @google/genai throws into a ModelError. Its ApiError's message is the response
 * body as JSON (which can quote the prompt): only the status word, the ErrorInfo reason and a
 * test of the message for "too long" are taken from it.
 */
export function toGoogleModelError(err: unknown, context: GoogleFailureContext): ModelError {
  const { provider, baseUrl } = context;
  if (err instanceof ModelError) return err;
  if (err instanceof Error && err.name === "AbortError") {
    return describeTransportFailure(provider, context.signal?.aborted ? "cancelled" : "timeout", baseUrl);
  }
  if (isApiError(err)) return describeHttpFailure(provider, { status: err.status, ...readGoogleError(err.message) }, baseUrl);
  if (!context.sent && provider === "vertex") {
    // google-auth-library's errors name the credentials file and quote the token server's answer: not kept.
    return new ModelError({
      provider,
      message:
        "could not get a Google access token (vertex): check GOOGLE_APPLICATION_CREDENTIALS, or the workload identity or metadata server the app runs with",
      retryable: false,
      kind: "credentials",
    });
  }
  // fetch fails with a TypeError ("fetch failed") when the host cannot be reached.
  if (err instanceof Error && err.name === "TypeError") return describeTransportFailure(provider, "unreachable", baseUrl);
  return describeUnexpected(provider, err);
}

function isApiError(err: unknown): err is Error & { status: number } {
  return err instanceof Error && err.name === "ApiError" && typeof (err as { status?: unknown }).status === "number";
}

// Google's error body: {"error": {"code", "message", "status": "RESOURCE_EXHAUSTED", "details": [{"reason": "API_KEY_INVALID"}]}}.
function readGoogleError(text: string): { type?: unknown; code?: unknown; message?: unknown } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {};
  }
  // The Gemini API can answer with a one-element list of its error body.
  const root: unknown = Array.isArray(body) ? body[0] : body;
  const error = (root as { error?: { status?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (typeof error !== "object" || error === null) return {};
  const details = Array.isArray(error.details) ? (error.details as Array<{ reason?: unknown }>) : [];
  return { type: error.status, code: details.find((detail) => typeof detail?.reason === "string")?.reason, message: error.message };
}
