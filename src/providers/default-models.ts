import type { ModelProviderName } from "./model-error.js";

// Used when PATCHWISE_MODEL is unset. Each follows a forced JSON schema without extended
// thinking: Anthropic rejects a forced tool choice when thinking is on, which newer Claude
// models (Sonnet 5 and later) enable by default; claude-sonnet-4-5 reaches end of life on
// 2026-11-30 per the SDK's deprecation list. Azure's is a deployment name: the one Azure
// proposes for a deployment of that model. Bedrock's is the global cross-region inference
// profile of the same Claude model, which every commercial region offers.
export const DEFAULT_MODELS: Record<ModelProviderName, string> = {
  openai: "gpt-4.1-mini",
  anthropic: "claude-sonnet-4-6",
  azure: "gpt-4.1-mini",
  bedrock: "global.anthropic.claude-sonnet-4-6",
  gemini: "gemini-2.5-flash",
  vertex: "gemini-2.5-flash",
};
