import { AzureOpenAI } from "openai";
import type { ModelClient } from "../pipeline/ports.js";
import { createRetryListeners } from "./observe-retries.js";
import { createChatCompletionsClient, pinnedSdkOptions } from "./openai-client.js";

export interface AzureClientOptions {
  /** The resource's endpoint, `https://{resource}.openai.azure.com` (AZURE_OPENAI_ENDPOINT). */
  endpoint: string;
  apiVersion: string;
  /** Either an `api-key` or a Microsoft Entra ID token provider (sent as a bearer token). */
  auth: { apiKey: string } | { tokenProvider: () => Promise<string> };
  timeoutMs: number;
  maxRetries: number;
  fetch?: typeof fetch;
}

/**
 * A ModelClient for Azure OpenAI's deployments API: each request goes to
 * `{endpoint}/openai/deployments/{model}/chat/completions?api-version=…`, the request's model
 * being the deployment's name.
 */
export function createAzureClient(options: AzureClientOptions): ModelClient {
  // The base URL is built here rather than from `endpoint`: the SDK would otherwise take
  // OPENAI_BASE_URL, AZURE_OPENAI_API_KEY and OPENAI_API_VERSION from process.env, which only
  // readEnv reads, and refuse to start when OPENAI_BASE_URL is set for another purpose.
  const retries = createRetryListeners();
  const sdk = new AzureOpenAI({
    baseURL: `${options.endpoint.replace(/\/+$/, "")}/openai`,
    apiVersion: options.apiVersion,
    ...("apiKey" in options.auth ? { apiKey: options.auth.apiKey } : { azureADTokenProvider: options.auth.tokenProvider }),
    ...pinnedSdkOptions(options, retries),
  });
  // Every API version that takes a JSON schema also takes max_completion_tokens, which Azure's
  // reasoning deployments require.
  return createChatCompletionsClient("azure", sdk, { baseURL: options.endpoint, useCompletionTokens: true, retries });
}
