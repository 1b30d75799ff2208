/** Every value PATCHWISE_PROVIDER (and the Action's `provider:` input) takes. */
export const MODEL_PROVIDER_NAMES = ["openai", "anthropic", "azure", "bedrock", "gemini", "vertex"] as const;

export type ModelProviderName = (typeof MODEL_PROVIDER_NAMES)[number];
