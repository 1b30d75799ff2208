import { EnvError, type AzureEnv, type BedrockEnv, type GeminiEnv, type VertexEnv } from "../env.js";
import type { ModelClient } from "../pipeline/ports.js";
import { createAnthropicClient } from "./anthropic-client.js";
import { boundRetryWaits, type RetryWait } from "./bound-retry-waits.js";
import { limitAnswerTime } from "./limit-answer-time.js";
import { createAzureClient } from "./azure-client.js";
import { createBedrockClient, type BedrockAuth } from "./bedrock-client.js";
import { createEntraTokenProvider } from "./create-entra-token-provider.js";
import { createGeminiClient } from "./gemini-client.js";
import type { ModelProviderName } from "./model-error.js";
import { createOpenAIClient } from "./openai-client.js";
import { createVertexClient } from "./vertex-client.js";

export interface ModelClientSettings {
  provider: ModelProviderName;
  openaiApiKey?: string | undefined;
  openaiBaseUrl?: string | undefined;
  anthropicApiKey?: string | undefined;
  anthropicBaseUrl?: string | undefined;
  azure?: AzureEnv | undefined;
  bedrock?: BedrockEnv | undefined;
  gemini?: GeminiEnv | undefined;
  vertex?: VertexEnv | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  /** Told of every wait a provider asks for before a retry (the App logs it). */
  onRetryWait?: ((wait: RetryWait) => void) | undefined;
}

interface Transport {
  timeoutMs: number;
  maxRetries: number;
  fetch: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_RETRIES = 3;
// A longer retry-after would hold the review, its queue slot and its pull request's next reviews.
const MAX_RETRY_WAIT_MS = 60_000;
// Local OpenAI-compatible servers ignore the key, but the SDK refuses to start without one.
const PLACEHOLDER_KEY = "not-needed";

/** The operator's chosen model provider; throws an `EnvError` naming the setting it is missing. */
export function createModelClient(settings: ModelClientSettings): ModelClient {
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = settings.maxRetries ?? DEFAULT_MAX_RETRIES;
  // The global fetch looked up at call time: tests replace it. Every provider's answer has a
  // deadline, and a wait it asks for before a retry is bounded (Bedrock's SDK does not use fetch).
  const answered = limitAnswerTime((input, init) => globalThis.fetch(input, init), timeoutMs, settings.provider);
  const fetch = boundRetryWaits(answered, { maxWaitMs: MAX_RETRY_WAIT_MS, onWait: settings.onRetryWait });
  const transport = { timeoutMs, maxRetries, fetch };
  switch (settings.provider) {
    case "anthropic":
      return createAnthropic(settings, transport);
    case "azure":
      return createAzure(settings.azure, transport);
    case "gemini":
      return createGemini(settings.gemini, transport);
    case "bedrock":
      return createBedrock(settings.bedrock, transport);
    case "vertex":
      return createVertex(settings.vertex, transport);
    case "openai":
      return createOpenAI(settings, transport);
  }
}

function createAnthropic(settings: ModelClientSettings, { timeoutMs, maxRetries, fetch }: Transport): ModelClient {
  if (!settings.anthropicApiKey) {
    throw new EnvError("PATCHWISE_PROVIDER is anthropic but ANTHROPIC_API_KEY is not set: set it to an Anthropic API key");
  }
  return createAnthropicClient({
    apiKey: settings.anthropicApiKey,
    timeoutMs,
    maxRetries,
    fetch,
    ...(settings.anthropicBaseUrl ? { baseURL: settings.anthropicBaseUrl } : {}),
  });
}

function createOpenAI(settings: ModelClientSettings, { timeoutMs, maxRetries, fetch }: Transport): ModelClient {
  const apiKey = settings.openaiApiKey || (isOpenAIHost(settings.openaiBaseUrl) ? undefined : PLACEHOLDER_KEY);
  if (!apiKey) {
    throw new EnvError(
      "PATCHWISE_PROVIDER is openai but OPENAI_API_KEY is not set: set it, or set OPENAI_BASE_URL to a local OpenAI-compatible server",
    );
  }
  return createOpenAIClient({
    apiKey,
    timeoutMs,
    maxRetries,
    fetch,
    ...(settings.openaiBaseUrl ? { baseURL: settings.openaiBaseUrl } : {}),
  });
}

function createAzure(azure: AzureEnv | undefined, { timeoutMs, maxRetries, fetch }: Transport): ModelClient {
  if (!azure?.endpoint) {
    throw new EnvError("PATCHWISE_PROVIDER is azure but AZURE_OPENAI_ENDPOINT is not set: set it to the resource's endpoint, https://{resource}.openai.azure.com");
  }
  return createAzureClient({
    endpoint: azure.endpoint,
    apiVersion: azure.apiVersion,
    auth: azure.apiKey ? { apiKey: azure.apiKey } : { tokenProvider: createEntraTokenProvider() },
    timeoutMs,
    maxRetries,
    fetch,
  });
}

function createGemini(gemini: GeminiEnv | undefined, transport: Transport): ModelClient {
  if (!gemini?.apiKey) {
    throw new EnvError("PATCHWISE_PROVIDER is gemini but GEMINI_API_KEY is not set: set it (or GOOGLE_API_KEY) to a Gemini API key");
  }
  return createGeminiClient({ apiKey: gemini.apiKey, baseUrl: gemini.baseUrl, ...transport });
}

function createBedrock(bedrock: BedrockEnv | undefined, { timeoutMs, maxRetries }: Transport): ModelClient {
  if (!bedrock?.region) {
    throw new EnvError("PATCHWISE_PROVIDER is bedrock but AWS_REGION is not set: set it to the region the model is enabled in, such as eu-central-1");
  }
  return createBedrockClient({ region: bedrock.region, endpoint: bedrock.endpoint, auth: bedrockAuth(bedrock), timeoutMs, maxRetries });
}

/** Which AWS credentials a Bedrock request is signed with: a Bedrock API key first, as AWS's SDK prefers it. */
export function bedrockAuth(bedrock: BedrockEnv): BedrockAuth {
  if (bedrock.bearerToken) return { kind: "api key", token: bedrock.bearerToken };
  if (bedrock.accessKeyId && bedrock.secretAccessKey) {
    return { kind: "keys", accessKeyId: bedrock.accessKeyId, secretAccessKey: bedrock.secretAccessKey, sessionToken: bedrock.sessionToken };
  }
  return { kind: "chain" };
}

// Google's SDK also defaults to the global endpoint, which serves the current Gemini models.
const DEFAULT_VERTEX_LOCATION = "global";

function createVertex(vertex: VertexEnv | undefined, transport: Transport): ModelClient {
  if (!vertex?.project) {
    throw new EnvError("PATCHWISE_PROVIDER is vertex but GOOGLE_CLOUD_PROJECT is not set: set it to the project whose Vertex AI the reviews use");
  }
  return createVertexClient({
    project: vertex.project,
    location: vertex.location ?? DEFAULT_VERTEX_LOCATION,
    credentialsFile: vertex.credentialsFile,
    baseUrl: vertex.baseUrl,
    ...transport,
  });
}

// No base URL means OpenAI itself, which always needs a key.
function isOpenAIHost(baseUrl: string | undefined): boolean {
  if (!baseUrl) return true;
  try {
    return new URL(baseUrl).hostname.toLowerCase() === "api.openai.com";
  } catch {
    return false;
  }
}
