import type { ModelClient } from "../pipeline/ports.js";
import { createGenerateContentClient } from "./generate-content-client.js";
import { googleHttpOptions, type GoogleTransportOptions } from "./google-http-options.js";

export interface GeminiClientOptions extends GoogleTransportOptions {
  apiKey: string;
  /** GEMINI_BASE_URL: a gateway, or a local server in tests. */
  baseUrl?: string | undefined;
}

/** A ModelClient for the Gemini API: `models/{model}:generateContent` with the `x-goog-api-key` header. */
export function createGeminiClient(options: GeminiClientOptions): ModelClient {
  return createGenerateContentClient({
    provider: "gemini",
    baseUrl: options.baseUrl,
    loadSdk: async () => {
      const { GoogleGenAI } = await import("@google/genai");
      // Every option is explicit, so that the SDK's own reading of GOOGLE_API_KEY,
      // GOOGLE_GEMINI_BASE_URL and GOOGLE_GENAI_USE_VERTEXAI changes nothing.
      return new GoogleGenAI({ vertexai: false, apiKey: options.apiKey, httpOptions: googleHttpOptions(options) });
    },
    maxRetries: options.maxRetries,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
