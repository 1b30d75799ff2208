import type { ModelProviderName } from "./model-error.js";

// Used when PATCHWISE_MODEL is unset. Both follow a forced JSON schema without extended
// thinking: Anthropic rejects a forced tool choice when thinking is on, which newer Claude
// models (Sonnet 5 and later) enable by default; claude-sonnet-4-5 reaches end of life on
// 2026-11-30 per the SDK's deprecation list.
export const DEFAULT_MODELS: Record<ModelProviderName, string> = {
  openai: "gpt-4.1-mini",
  anthropic: "claude-sonnet-4-6",
};
