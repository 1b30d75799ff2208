import type { GenerateContentResponse, GoogleGenAI } from "@google/genai";
import type { ModelClient, ModelRequest, ModelResponse } from "../pipeline/ports.js";
import { toGoogleModelError } from "./google-model-error.js";
import { ModelError } from "./model-error.js";
import { countRetries } from "./observe-retries.js";
import { parseJsonOrRaw } from "./parse-json-or-raw.js";

export interface GenerateContentOptions {
  provider: "gemini" | "vertex";
  /** The operator's base URL, named (by host only) when it cannot be reached. */
  baseUrl: string | undefined;
  /** The SDK client, created on the first request: @google/genai is loaded only by installs that use it. */
  loadSdk: () => Promise<GoogleGenAI>;
  /** The SDK's retries after the first attempt, counted to tell the request's listener of each. */
  maxRetries: number;
  fetch?: typeof fetch;
}

// Finish reasons with which Google's filters, not the token limit, stopped the answer.
const FILTERED = new Set(["SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY"]);

/** A ModelClient over generateContent (Gemini API or Vertex AI), the answer held to the schema by `responseJsonSchema`. */
export function createGenerateContentClient(options: GenerateContentOptions): ModelClient {
  const { provider } = options;
  let sdk: Promise<GoogleGenAI> | undefined;
  return {
    provider,
    async complete(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
      // Google's auth library fetches a token before the model request: whether that request
      // went out tells a credentials failure from the model's.
      let sent = false;
      const send = countRetries((input, init) => (options.fetch ?? fetch)(input, init), options.maxRetries, { onRetry: request.onRetry ?? (() => undefined), signal });
      const fetchModel: typeof fetch = (input, init) => {
        sent = true;
        return send(input, init);
      };
      let response: GenerateContentResponse;
      try {
        sdk ??= options.loadSdk();
        response = await (await sdk).models.generateContent({
          model: request.model,
          contents: [{ role: "user", parts: [{ text: request.user }] }],
          config: {
            systemInstruction: request.system,
            responseMimeType: "application/json",
            // The JSON Schema field: the older responseSchema is an OpenAPI subset that refuses
            // additionalProperties and nullable type arrays.
            responseJsonSchema: request.schema,
            maxOutputTokens: request.maxOutputTokens,
            httpOptions: { fetch: fetchModel },
            ...(signal ? { abortSignal: signal } : {}),
          },
        });
      } catch (err) {
        throw toGoogleModelError(err, { provider, baseUrl: options.baseUrl, signal, sent });
      }
      return readResponse(provider, response, request);
    },
  };
}

function readResponse(provider: "gemini" | "vertex", response: GenerateContentResponse, request: ModelRequest): ModelResponse {
  const fail = (message: string) => new ModelError({ provider, message, retryable: false });
  if (response.promptFeedback?.blockReason) {
    throw fail(`the provider's safety filter blocked the prompt (${provider}): the pull request cannot be reviewed with this model`);
  }
  const candidate = response.candidates?.[0];
  if (!candidate) throw fail(`the model returned no answer (${provider}): check that PATCHWISE_MODEL is a Gemini model`);
  if (candidate.finishReason === "MAX_TOKENS") {
    throw fail(
      `the answer was cut off at max tokens (${provider}, ${request.maxOutputTokens}): raise PATCHWISE_MAX_OUTPUT_TOKENS or review a smaller pull request`,
    );
  }
  if (candidate.finishReason !== undefined && FILTERED.has(candidate.finishReason)) {
    throw fail(`the provider's content filter stopped the answer (${provider}): the pull request cannot be reviewed with this model`);
  }
  // Thought summaries are parts too; only the answer's own text is the JSON.
  const text = (candidate.content?.parts ?? []).filter((part) => typeof part.text === "string" && !part.thought).map((part) => part.text).join("");
  if (text === "") throw fail(`the model returned no answer (${provider}): check that PATCHWISE_MODEL supports JSON output`);
  const usage = response.usageMetadata;
  return {
    content: parseJsonOrRaw(text),
    // Thinking tokens are billed as output and count against maxOutputTokens.
    usage: { inputTokens: usage?.promptTokenCount ?? 0, outputTokens: (usage?.candidatesTokenCount ?? 0) + (usage?.thoughtsTokenCount ?? 0) },
    model: response.modelVersion || request.model,
  };
}
