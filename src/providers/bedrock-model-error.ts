import { describeHttpFailure, describeTransportFailure, describeUnexpected, ModelError } from "./model-error.js";

// Node's errors for a host that cannot be reached (DNS, refused, reset, unroutable).
const UNREACHABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ERR_HTTP2_SESSION_ERROR", "ERR_HTTP2_STREAM_CANCEL"]);

/**
 * Converts what the AWS SDK throws into a ModelError. A service exception's message can quote the
 * request; only its name (ThrottlingException, AccessDeniedException…), HTTP status and a test of
 * the message for "too long" are used.
 */
export function toBedrockModelError(err: unknown, endpoint: string | undefined, signal: AbortSignal | undefined): ModelError {
  if (err instanceof ModelError) return err;
  if (!(err instanceof Error)) return describeUnexpected("bedrock", err);
  if (err.name === "AbortError") return describeTransportFailure("bedrock", signal?.aborted ? "cancelled" : "timeout", endpoint);
  if (err.name === "TimeoutError") return describeTransportFailure("bedrock", "timeout", endpoint);
  if (err.name === "CredentialsProviderError" || err.name === "TokenProviderError") {
    // The chain's message lists where it looked (profiles, files): not kept.
    return new ModelError({
      provider: "bedrock",
      message:
        "no AWS credentials found (bedrock): give the app a role (IRSA, ECS task or EC2 instance role), a profile, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_BEARER_TOKEN_BEDROCK",
      retryable: false,
      kind: "credentials",
    });
  }
  const metadata = (err as { $metadata?: { httpStatusCode?: unknown } }).$metadata;
  if (typeof metadata?.httpStatusCode === "number") {
    return describeHttpFailure("bedrock", { status: metadata.httpStatusCode, type: err.name, message: err.message }, endpoint);
  }
  // The SDK's retry step stamps $metadata on whatever it gives up on: without an HTTP status,
  // the request got no answer (refused, reset, DNS), however Node named the failure.
  const code = (err as { code?: unknown }).code;
  if ((typeof code === "string" && UNREACHABLE.has(code)) || metadata !== undefined) return describeTransportFailure("bedrock", "unreachable", endpoint);
  return describeUnexpected("bedrock", err);
}
