import type { ModelProfile } from "./describe-model.js";

export interface LimitSettings {
  /** The operator's context window (environment), replacing the table's: it knows its deployment. */
  operatorContextWindow?: number | undefined;
  /** `contextWindow` in `.github/patchwise.yml`: may only lower the window, never raise it. */
  repoContextWindow?: number | undefined;
  /** The operator's answer limit (`PATCHWISE_MAX_OUTPUT_TOKENS`). */
  maxOutputTokens: number;
}

export interface ModelLimits {
  contextWindow: number;
  /** Tokens kept free for the answer, also sent as the request's output limit. */
  maxOutputTokens: number;
}

/**
 * The window and answer reserve one review uses. A known model's own output maximum caps the
 * operator's (a provider refuses a larger `max_tokens`), and the answer never takes more than
 * half the window, so a small local model still has room for the diff.
 */
export function resolveModelLimits(profile: ModelProfile, settings: LimitSettings): ModelLimits {
  const window = settings.operatorContextWindow ?? profile.contextWindow;
  const contextWindow = Math.min(window, settings.repoContextWindow ?? window);
  const output = profile.known ? Math.min(settings.maxOutputTokens, profile.maxOutputTokens) : settings.maxOutputTokens;
  return { contextWindow, maxOutputTokens: Math.min(output, Math.floor(contextWindow / 2)) };
}

// Role markers and message framing of a chat request, which the text's own count misses.
const MESSAGE_OVERHEAD = 64;

/** Tokens left for the files and related code of one request: window − answer − fixed prompt parts. */
export function computePromptBudget(limits: ModelLimits, fixedPromptTokens: number): number {
  return Math.max(0, limits.contextWindow - limits.maxOutputTokens - fixedPromptTokens - MESSAGE_OVERHEAD);
}
