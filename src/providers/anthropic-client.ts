import Anthropic from "@anthropic-ai/sdk";
import type { Message, Tool } from "@anthropic-ai/sdk/resources/messages";
import type { ModelClient, ModelRequest, ModelResponse } from "../pipeline/ports.js";
import { contextLengthError, ModelError, toModelError } from "./model-error.js";
import { createRetryListeners, observeRetries } from "./observe-retries.js";

export interface AnthropicClientOptions {
  apiKey: string;
  baseURL?: string;
  timeoutMs: number;
  maxRetries: number;
  fetch?: typeof fetch;
}

const ANTHROPIC_BASE_URL = "https://api.anthropic.com";

/** A ModelClient for Anthropic's Messages API; the structured answer comes back as a forced tool call. */
export function createAnthropicClient(options: AnthropicClientOptions): ModelClient {
  // Pinned rather than read from process.env by the SDK: ANTHROPIC_LOG=debug would log request
  // bodies, and the SDK's OpenTelemetry spans can be switched by environment to carry content.
  // An explicit timeout also stops the SDK from refusing large max_tokens without streaming.
  const retries = createRetryListeners();
  const sdk = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? ANTHROPIC_BASE_URL,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    logLevel: "off",
    openTelemetry: false,
    fetch: observeRetries(options.fetch ?? ((input, init) => fetch(input, init)), options.maxRetries, retries),
  });
  return {
    provider: "anthropic",
    async complete(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
      const tool: Tool = {
        name: request.schemaName,
        description: "Submit the complete answer. Call this exactly once, with every required field.",
        input_schema: { ...request.schema, type: "object" },
      };
      let message: Message;
      try {
        message = await retries.run({ onRetry: request.onRetry ?? (() => undefined), signal }, () => sdk.messages.create(
          {
            model: request.model,
            max_tokens: request.maxOutputTokens,
            system: request.system,
            messages: [{ role: "user", content: request.user }],
            tools: [tool],
            tool_choice: { type: "tool", name: request.schemaName },
          },
          { signal },
        ));
      } catch (err) {
        throw toModelError("anthropic", err, options.baseURL);
      }
      return readMessage(message, request);
    },
  };
}

function readMessage(message: Message, request: ModelRequest): ModelResponse {
  const fail = (text: string) => new ModelError({ provider: "anthropic", message: text, retryable: false });
  // A cut-off tool call holds partial input: worse than none, so it is not returned.
  if (message.stop_reason === "max_tokens") {
    throw fail(
      `the answer was cut off at max tokens (anthropic, ${request.maxOutputTokens}): raise PATCHWISE_MAX_OUTPUT_TOKENS or review a smaller pull request`,
    );
  }
  if (message.stop_reason === "model_context_window_exceeded") throw contextLengthError("anthropic", { window: null }, "stop_reason model_context_window_exceeded");
  if (message.stop_reason === "refusal") {
    throw fail("the model refused to answer (anthropic): try another PATCHWISE_MODEL or /review again");
  }
  const block = message.content.find((b) => b.type === "tool_use");
  if (block?.type !== "tool_use") {
    throw fail(`the model answered without calling the ${request.schemaName} tool (anthropic): check that PATCHWISE_MODEL supports tool use`);
  }
  const usage = message.usage;
  return {
    content: block.input,
    usage: {
      // Cached prompt tokens are reported apart from input_tokens; all of them were read.
      inputTokens: usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0),
      outputTokens: usage.output_tokens,
    },
    model: message.model || request.model,
  };
}
