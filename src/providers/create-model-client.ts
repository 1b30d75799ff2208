import { EnvError } from "../env.js";
import type { ModelClient } from "../pipeline/ports.js";
import { createAnthropicClient } from "./anthropic-client.js";
import { boundRetryWaits, type RetryWait } from "./bound-retry-waits.js";
import { limitAnswerTime } from "./limit-answer-time.js";
import type { ModelProviderName } from "./model-error.js";
import { createOpenAIClient } from "./openai-client.js";

export interface ModelClientSettings {
  provider: ModelProviderName;
  openaiApiKey?: string | undefined;
  openaiBaseUrl?: string | undefined;
  anthropicApiKey?: string | undefined;
  anthropicBaseUrl?: string | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  /** Told of every wait a provider asks for before a retry (the App logs it). */
  onRetryWait?: ((wait: RetryWait) => void) | undefined;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_RETRIES = 3;
// A longer retry-after would hold the review, its queue slot and its pull request's next reviews.
const MAX_RETRY_WAIT_MS = 60_000;
// Local OpenAI-compatible servers ignore the key, but the SDK refuses to start without one.
const PLACEHOLDER_KEY = "not-needed";

/** The operator's chosen model provider; throws when its API key is missing. */
export function createModelClient(settings: ModelClientSettings): ModelClient {
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = settings.maxRetries ?? DEFAULT_MAX_RETRIES;
  // The global fetch looked up at call time: tests replace it.
  const answered = limitAnswerTime((input, init) => globalThis.fetch(input, init), timeoutMs, settings.provider);
  const fetch = boundRetryWaits(answered, { maxWaitMs: MAX_RETRY_WAIT_MS, onWait: settings.onRetryWait });
  if (settings.provider === "anthropic") {
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

// No base URL means OpenAI itself, which always needs a key.
function isOpenAIHost(baseUrl: string | undefined): boolean {
  if (!baseUrl) return true;
  try {
    return new URL(baseUrl).hostname.toLowerCase() === "api.openai.com";
  } catch {
    return false;
  }
}
