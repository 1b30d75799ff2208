import type { ModelProviderName } from "./model-provider-names.js";

/**
 * What differs between providers, as data: how the answer is held to the JSON Schema, how the
 * provider says "too long", "slow down" and "no quota", and which settings the operator fixes
 * when it refuses. The error wording itself is written once, in model-error.ts.
 */
export interface ProviderProfile {
  /** The mechanism the adapter uses for structured output. */
  structuredOutput: "response_format json_schema" | "forced tool" | "responseJsonSchema";
  /** What authenticates a request, and what to check when the provider rejects it. */
  credentials: { noun: string; fix: string };
  /** What to check when the credentials are valid but may not use the model (HTTP 403). */
  forbiddenFix: string;
  /** What to check when the model is not found (HTTP 404). */
  notFoundFix: string;
  /** The setting that moves the endpoint, named when it cannot be reached. */
  endpointSetting: string;
  /** Where requests go when that setting is unset; undefined when there is no default. */
  defaultHost: string | undefined;
  /** The provider's error identifiers (type, code, exception name or reason) for each situation. */
  codes: {
    credentials: readonly string[];
    tooLong: readonly string[];
    quota: readonly string[];
    throttled: readonly string[];
    overloaded: readonly string[];
  };
  /** Where the provider has no identifier for "too long": its message, tested and never quoted. */
  tooLongMessage?: RegExp;
}

const NO_CODES = { credentials: [], tooLong: [], quota: [], throttled: [], overloaded: [] } as const;

// Gemini and Vertex say "The input token count (N) exceeds the maximum number of tokens allowed
// (M)"; Bedrock's models say "Input is too long", "prompt is too long" or "too many input tokens".
const TOKEN_LIMIT_MESSAGE = /input token count.*exceeds|input is too long|prompt is too long|too many (input )?tokens|context (window|length)/i;

export const PROVIDER_PROFILES: Record<ModelProviderName, ProviderProfile> = {
  openai: {
    structuredOutput: "response_format json_schema",
    credentials: { noun: "the API key", fix: "check OPENAI_API_KEY" },
    forbiddenFix: "check the key's permissions and PATCHWISE_MODEL",
    notFoundFix: "check PATCHWISE_MODEL",
    endpointSetting: "OPENAI_BASE_URL",
    defaultHost: "api.openai.com",
    codes: { ...NO_CODES, tooLong: ["context_length_exceeded"], quota: ["insufficient_quota"] },
  },
  anthropic: {
    structuredOutput: "forced tool",
    credentials: { noun: "the API key", fix: "check ANTHROPIC_API_KEY" },
    forbiddenFix: "check the key's permissions and PATCHWISE_MODEL",
    notFoundFix: "check PATCHWISE_MODEL",
    endpointSetting: "ANTHROPIC_BASE_URL",
    defaultHost: "api.anthropic.com",
    codes: { ...NO_CODES, overloaded: ["overloaded_error"] },
  },
  azure: {
    structuredOutput: "response_format json_schema",
    credentials: {
      noun: "the key or Entra ID token",
      fix: "check AZURE_OPENAI_API_KEY, or without a key the identity Entra ID signs in (managed identity, workload identity or az login)",
    },
    forbiddenFix: "give the identity the Cognitive Services OpenAI User role on the resource, and check AZURE_OPENAI_ENDPOINT",
    notFoundFix: "check that PATCHWISE_MODEL is the name of a deployment on AZURE_OPENAI_ENDPOINT, and OPENAI_API_VERSION",
    endpointSetting: "AZURE_OPENAI_ENDPOINT",
    defaultHost: undefined,
    codes: { ...NO_CODES, tooLong: ["context_length_exceeded"], quota: ["insufficient_quota"] },
  },
  bedrock: {
    structuredOutput: "forced tool",
    credentials: {
      noun: "the AWS credentials",
      fix: "check the AWS credentials the job has (keys, profile, role) or AWS_BEARER_TOKEN_BEDROCK, and that they have not expired",
    },
    forbiddenFix: "allow bedrock:InvokeModel on PATCHWISE_MODEL (model or inference profile) and enable the model in AWS_REGION",
    notFoundFix: "check PATCHWISE_MODEL (a model id or inference profile such as eu.anthropic.…) and that it is offered in AWS_REGION",
    endpointSetting: "AWS_ENDPOINT_URL_BEDROCK_RUNTIME or AWS_REGION",
    defaultHost: undefined,
    codes: {
      credentials: ["UnrecognizedClientException", "InvalidSignatureException", "IncompleteSignatureException", "ExpiredTokenException", "InvalidClientTokenId"],
      tooLong: [],
      quota: ["ServiceQuotaExceededException"],
      throttled: ["ThrottlingException", "TooManyRequestsException"],
      overloaded: ["ModelNotReadyException", "ServiceUnavailableException"],
    },
    tooLongMessage: TOKEN_LIMIT_MESSAGE,
  },
  gemini: {
    structuredOutput: "responseJsonSchema",
    credentials: { noun: "the API key", fix: "check GEMINI_API_KEY (or GOOGLE_API_KEY)" },
    forbiddenFix: "check that the key's project may use the Gemini API and PATCHWISE_MODEL",
    notFoundFix: "check PATCHWISE_MODEL",
    endpointSetting: "GEMINI_BASE_URL",
    defaultHost: "generativelanguage.googleapis.com",
    codes: { ...NO_CODES, credentials: ["API_KEY_INVALID", "UNAUTHENTICATED"], overloaded: ["UNAVAILABLE"] },
    tooLongMessage: TOKEN_LIMIT_MESSAGE,
  },
  vertex: {
    structuredOutput: "responseJsonSchema",
    credentials: {
      noun: "the Google credentials",
      fix: "check GOOGLE_APPLICATION_CREDENTIALS or the workload identity the job runs as",
    },
    forbiddenFix: "give the identity roles/aiplatform.user on GOOGLE_CLOUD_PROJECT and enable the Vertex AI API there",
    notFoundFix: "check PATCHWISE_MODEL and that it is offered in GOOGLE_CLOUD_LOCATION",
    endpointSetting: "VERTEX_BASE_URL or GOOGLE_CLOUD_LOCATION",
    defaultHost: undefined,
    codes: { ...NO_CODES, credentials: ["UNAUTHENTICATED", "ACCESS_TOKEN_EXPIRED"], overloaded: ["UNAVAILABLE"] },
    tooLongMessage: TOKEN_LIMIT_MESSAGE,
  },
};
