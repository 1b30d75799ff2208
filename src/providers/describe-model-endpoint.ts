import type { ModelClientSettings } from "./create-model-client.js";
import { bedrockAuth } from "./create-model-client.js";
import { hostOf } from "./model-error.js";
import { PROVIDER_PROFILES } from "./provider-profiles.js";

/** Where a provider's requests would go and how they would be authenticated, as --dry-run shows it. */
export interface ModelEndpoint {
  /** The host only: a base URL can carry userinfo or a query with a key. */
  host: string;
  /** The kind of credentials, never their value. */
  credentials: string;
}

/** The endpoint host and kind of credentials the settings would use; reads nothing and sends nothing. */
export function describeModelEndpoint(settings: ModelClientSettings): ModelEndpoint {
  switch (settings.provider) {
    case "openai":
      return { host: hostOf(settings.openaiBaseUrl) ?? defaultHost("openai"), credentials: settings.openaiApiKey ? "API key (OPENAI_API_KEY)" : "none (a local server)" };
    case "anthropic":
      return { host: hostOf(settings.anthropicBaseUrl) ?? defaultHost("anthropic"), credentials: "API key (ANTHROPIC_API_KEY)" };
    case "azure":
      return {
        host: hostOf(settings.azure?.endpoint) ?? "AZURE_OPENAI_ENDPOINT (not set)",
        credentials: settings.azure?.apiKey ? "API key (AZURE_OPENAI_API_KEY)" : "Microsoft Entra ID token (managed identity, workload identity or az login)",
      };
    case "bedrock": {
      const region = settings.bedrock?.region;
      return {
        host: hostOf(settings.bedrock?.endpoint) ?? (region ? `bedrock-runtime.${region}.amazonaws.com` : "AWS_REGION (not set)"),
        credentials: settings.bedrock ? describeBedrockCredentials(settings.bedrock) : "AWS credential chain",
      };
    }
    case "gemini":
      return { host: hostOf(settings.gemini?.baseUrl) ?? defaultHost("gemini"), credentials: "API key (GEMINI_API_KEY or GOOGLE_API_KEY)" };
    case "vertex": {
      const location = settings.vertex?.location ?? "global";
      return {
        host: hostOf(settings.vertex?.baseUrl) ?? (location === "global" ? "aiplatform.googleapis.com" : `${location}-aiplatform.googleapis.com`),
        credentials: settings.vertex?.credentialsFile
          ? "Google application default credentials from GOOGLE_APPLICATION_CREDENTIALS"
          : "Google application default credentials (gcloud login, workload identity or the metadata server)",
      };
    }
  }
}

function describeBedrockCredentials(bedrock: NonNullable<ModelClientSettings["bedrock"]>): string {
  const auth = bedrockAuth(bedrock);
  if (auth.kind === "api key") return "Bedrock API key (AWS_BEARER_TOKEN_BEDROCK), as a bearer token";
  if (auth.kind === "keys") return `SigV4 with ${auth.sessionToken ? "temporary" : "static"} keys from AWS_ACCESS_KEY_ID`;
  return `SigV4 with AWS's credential chain${bedrock.profile ? ` (profile ${bedrock.profile})` : " (SSO, IRSA, ECS or EC2 role)"}`;
}

function defaultHost(provider: "openai" | "anthropic" | "gemini"): string {
  return PROVIDER_PROFILES[provider].defaultHost ?? provider;
}
