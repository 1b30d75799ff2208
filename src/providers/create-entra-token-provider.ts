import { ModelError } from "./model-error.js";

// Azure OpenAI's scope for Microsoft Entra ID tokens (the "Cognitive Services OpenAI User" role).
const COGNITIVE_SERVICES_SCOPE = "https://cognitiveservices.azure.com/.default";

/**
 * A bearer token provider from Entra ID's default chain (environment service principal,
 * workload identity, managed identity, a developer's `az login`). @azure/identity is loaded on
 * the first request only, so installs on other providers never pay for it.
 */
export function createEntraTokenProvider(): () => Promise<string> {
  let provider: Promise<() => Promise<string>> | undefined;
  return async () => {
    try {
      provider ??= import("@azure/identity").then(({ DefaultAzureCredential, getBearerTokenProvider }) =>
        getBearerTokenProvider(new DefaultAzureCredential(), COGNITIVE_SERVICES_SCOPE),
      );
      return await (await provider)();
    } catch {
      // The chain's own errors list every credential it tried, with their settings: not kept.
      throw new ModelError({
        provider: "azure",
        message:
          "could not get a Microsoft Entra ID token (azure): set AZURE_OPENAI_API_KEY, or run the app with an identity (managed identity, workload identity or az login)",
        retryable: false,
        kind: "credentials",
      });
    }
  };
}
