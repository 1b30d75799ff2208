import type { AsyncLocalStorage } from "node:async_hooks";
import OpenAI from "openai";
import type { ChatCompletion } from "openai/resources/chat/completions";
import type { ModelClient, ModelRequest, ModelResponse } from "../pipeline/ports.js";
import { keepBareErrorBodies } from "./keep-bare-error-bodies.js";
import { createRetryListeners, observeRetries, type RetryListener } from "./observe-retries.js";
import { parseJsonOrRaw } from "./parse-json-or-raw.js";
import { ModelError, toModelError } from "./model-error.js";

export interface OpenAIClientOptions {
  apiKey: string;
  /** Any OpenAI-compatible endpoint (Ollama, vLLM, LM Studio, Gemini, Azure's /openai/v1). */
  baseURL?: string;
  timeoutMs: number;
  maxRetries: number;
  fetch?: typeof fetch;
}

const OPENAI_BASE_URL = "https://api.openai.com/v1";

/** A ModelClient for OpenAI's chat completions API and every server that speaks it. */
export function createOpenAIClient(options: OpenAIClientOptions): ModelClient {
  const baseURL = options.baseURL ?? OPENAI_BASE_URL;
  // Everything the SDK would otherwise read from process.env is pinned here: the environment is
  // read by readEnv alone, and OPENAI_LOG=debug would log request bodies (code).
  const retries = createRetryListeners();
  const sdk = new OpenAI({ apiKey: options.apiKey, baseURL, ...pinnedSdkOptions(options, retries) });
  return createChatCompletionsClient("openai", sdk, { baseURL: options.baseURL, useCompletionTokens: acceptsOnlyMaxCompletionTokens(baseURL), retries });
}

/**
 * The OpenAI SDK's options that it would otherwise read from process.env, pinned (shared with its
 * Azure client), and its fetch: bare error bodies kept, retries told to the listener of the request.
 */
export function pinnedSdkOptions(options: { timeoutMs: number; maxRetries: number; fetch?: typeof fetch | undefined }, retries: AsyncLocalStorage<RetryListener>) {
  return {
    organization: null,
    project: null,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    logLevel: "off" as const,
    // Looked up per call, so that a fetch replaced after start (a test's interceptor) is the one used.
    fetch: observeRetries(keepBareErrorBodies(options.fetch ?? ((input, init) => fetch(input, init))), options.maxRetries, retries),
  };
}

export interface ChatCompletionsOptions {
  /** The operator's base URL or endpoint, named (by host only) when it cannot be reached. */
  baseURL: string | undefined;
  /** Whether the output limit goes in `max_completion_tokens` rather than `max_tokens`. */
  useCompletionTokens: boolean;
  /** The listeners the SDK's fetch tells of retries (the same store as given to pinnedSdkOptions). */
  retries: AsyncLocalStorage<RetryListener>;
}

/** A ModelClient over chat completions with a strict JSON schema, for OpenAI's SDK client or its Azure client. */
export function createChatCompletionsClient(provider: "openai" | "azure", sdk: OpenAI, options: ChatCompletionsOptions): ModelClient {
  return {
    provider,
    async complete(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
      let completion: ChatCompletion;
      try {
        completion = await options.retries.run({ onRetry: request.onRetry ?? (() => undefined), signal }, () => sdk.chat.completions.create(
          {
            model: request.model,
            messages: [
              { role: "system", content: request.system },
              { role: "user", content: request.user },
            ],
            response_format: {
              type: "json_schema",
              json_schema: { name: request.schemaName, schema: request.schema, strict: true },
            },
            ...(options.useCompletionTokens
              ? { max_completion_tokens: request.maxOutputTokens }
              : { max_tokens: request.maxOutputTokens }),
          },
          { signal },
        ));
      } catch (err) {
        throw toModelError(provider, err, options.baseURL);
      }
      return readCompletion(provider, completion, request);
    },
  };
}

// The SDK sends the body as given, so the field name is ours to choose. OpenAI (and Azure
// OpenAI) reject `max_tokens` for reasoning models (o-series, gpt-5) and want
// `max_completion_tokens`; Ollama and LM Studio know only `max_tokens` and silently ignore
// `max_completion_tokens`, which would let a local model run to its context limit. vLLM and
// Gemini's compatibility layer accept `max_tokens`. Sending both is refused by OpenAI's
// reasoning models, so the field follows the host.
function acceptsOnlyMaxCompletionTokens(baseURL: string): boolean {
  let host: string;
  try {
    host = new URL(baseURL).hostname.toLowerCase();
  } catch {
    return false;
  }
  return (
    host === "api.openai.com" ||
    host.endsWith(".openai.azure.com") ||
    host.endsWith(".cognitiveservices.azure.com") ||
    host.endsWith(".services.ai.azure.com")
  );
}

function readCompletion(provider: "openai" | "azure", completion: ChatCompletion, request: ModelRequest): ModelResponse {
  const fail = (message: string) => new ModelError({ provider, message, retryable: false });
  const choice = completion.choices?.[0];
  if (!choice) throw fail(`the model returned no answer (${provider}): check that PATCHWISE_MODEL is a chat model`);
  if (choice.finish_reason === "length") {
    throw fail(
      `the answer was cut off at max tokens (${provider}, ${request.maxOutputTokens}): raise PATCHWISE_MAX_OUTPUT_TOKENS or review a smaller pull request`,
    );
  }
  if (choice.finish_reason === "content_filter") {
    throw fail(`the provider's content filter stopped the answer (${provider}): the pull request cannot be reviewed with this model`);
  }
  // The refusal text is the model's own words and may quote the code: it is not kept.
  if (choice.message.refusal || choice.message.content === null || choice.message.content === undefined) {
    throw fail(`the model refused to answer (${provider}): try another PATCHWISE_MODEL or /review again`);
  }
  return {
    content: parseJsonOrRaw(choice.message.content),
    // Some local servers omit usage entirely.
    usage: { inputTokens: completion.usage?.prompt_tokens ?? 0, outputTokens: completion.usage?.completion_tokens ?? 0 },
    model: completion.model || request.model,
  };
}
