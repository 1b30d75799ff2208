import type { ModelClient } from "../pipeline/ports.js";
import { createGenerateContentClient } from "./generate-content-client.js";
import { googleHttpOptions, type GoogleTransportOptions } from "./google-http-options.js";
import { ModelError } from "./model-error.js";

export interface VertexClientOptions extends GoogleTransportOptions {
  project: string;
  location: string;
  /** GOOGLE_APPLICATION_CREDENTIALS; without it, the rest of Google's application default credentials. */
  credentialsFile?: string | undefined;
  /** VERTEX_BASE_URL: a Private Service Connect endpoint, a gateway, or a local server in tests. */
  baseUrl?: string | undefined;
}

const CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";

/**
 * A ModelClient for Gemini models on Vertex AI:
 * `projects/{project}/locations/{location}/publishers/google/models/{model}:generateContent`
 * with a bearer token from Google's application default credentials.
 */
export function createVertexClient(options: VertexClientOptions): ModelClient {
  const gemini = createGenerateContentClient({
    provider: "vertex",
    baseUrl: options.baseUrl,
    loadSdk: async () => {
      const { GoogleGenAI } = await import("@google/genai");
      // Project, location and credentials are explicit, so the SDK's own reading of
      // GOOGLE_API_KEY (which would switch it to express mode) changes nothing.
      return new GoogleGenAI({
        vertexai: true,
        project: options.project,
        location: options.location,
        googleAuthOptions: { scopes: [CLOUD_PLATFORM_SCOPE], ...(options.credentialsFile ? { keyFilename: options.credentialsFile } : {}) },
        httpOptions: googleHttpOptions(options),
      });
    },
    maxRetries: options.maxRetries,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    provider: "vertex",
    complete(request, signal) {
      // Claude on Vertex speaks Anthropic's Messages API (rawPredict), not generateContent.
      if (/^(publishers\/anthropic\/models\/)?claude/i.test(request.model)) {
        return Promise.reject(
          new ModelError({
            provider: "vertex",
            message: "Claude models on Vertex AI are not supported yet (vertex): choose a Gemini model in PATCHWISE_MODEL, or use Claude through PATCHWISE_PROVIDER=anthropic or bedrock",
            retryable: false,
          }),
        );
      }
      return gemini.complete(request, signal);
    },
  };
}
