import type { ModelPrice } from "../files/apply-review-budget.js";
import type { ModelProfile } from "./describe-model.js";

/**
 * Input tokens one request aims at when the operator sets none (PATCHWISE_REQUEST_TOKENS): review
 * answers get shallower as a prompt grows, the answer's budget is shared by every file in it, and
 * smaller requests run side by side. PR-Agent uses 32k for the same reason; README has the figures.
 */
export const DEFAULT_REQUEST_TOKENS = 32_000;

/**
 * Input tokens one review may send when the operator sets none (PATCHWISE_MAX_REVIEW_TOKENS):
 * room for a whole 300-file, 30,000-line pull request with its related code, about 400k tokens.
 */
export const DEFAULT_MAX_REVIEW_TOKENS = 1_000_000;

export interface LimitSettings {
  /** The operator's context window (environment), replacing the table's: it knows its deployment. */
  operatorContextWindow?: number | undefined;
  /** `contextWindow` in `.github/patchwise.yml`: may only lower the window, never raise it. */
  repoContextWindow?: number | undefined;
  /** The window the server itself stated (a refusal) or reported (a probe): it wins over every other figure. */
  serverContextWindow?: number | undefined;
  /** The operator's answer limit (`PATCHWISE_MAX_OUTPUT_TOKENS`). */
  maxOutputTokens: number;
  /** The operator's request budget (`PATCHWISE_REQUEST_TOKENS`); `DEFAULT_REQUEST_TOKENS` when unset. */
  requestTokens?: number | undefined;
  /** `requestTokens` in `.github/patchwise.yml`: may only lower the operator's budget. */
  repoRequestTokens?: number | undefined;
  /** The operator's price (`PATCHWISE_MODEL_PRICE`), replacing the catalog's (a private deployment, a local model). */
  operatorPrice?: ModelPrice | undefined;
}

export interface ModelLimits {
  contextWindow: number;
  /** Tokens kept free for the answer, also sent as the request's output limit. */
  maxOutputTokens: number;
  /** Input tokens one request aims at, for review quality; a single file or hunk larger than it still goes alone while it fits the window. */
  requestTokens: number;
}

/**
 * The window and answer reserve one review uses. A known model's own output maximum caps the
 * operator's (a provider refuses a larger `max_tokens`), and the answer never takes more than a
 * quarter of the window, so a small local model still has room for the prompt (about 1,200 tokens
 * of instructions) and a file: a 4,096-token window keeps 1,024 for the answer.
 */
export function resolveModelLimits(profile: ModelProfile, settings: LimitSettings): ModelLimits {
  const window = settings.operatorContextWindow ?? profile.contextWindow;
  const output = profile.known ? Math.min(settings.maxOutputTokens, profile.maxOutputTokens) : settings.maxOutputTokens;
  const operatorBudget = settings.requestTokens ?? DEFAULT_REQUEST_TOKENS;
  const limits = { contextWindow: window, maxOutputTokens: output, requestTokens: Math.min(operatorBudget, settings.repoRequestTokens ?? operatorBudget) };
  return narrowToWindow(limits, Math.min(window, settings.repoContextWindow ?? window, settings.serverContextWindow ?? window));
}

/** The limits within a smaller window (a repository's, or one the server stated): the answer keeps at most a quarter of it. */
export function narrowToWindow(limits: ModelLimits, window: number): ModelLimits {
  const contextWindow = Math.min(limits.contextWindow, window);
  return { ...limits, contextWindow, maxOutputTokens: Math.min(limits.maxOutputTokens, Math.floor(contextWindow / 4)) };
}

// Role markers and message framing of a chat request, which the text's own count misses.
const MESSAGE_OVERHEAD = 64;

/** Tokens one request may spend on files and related code: what it aims at, and the most the window holds. */
export interface PromptBudget {
  /** The request budget less the fixed prompt parts: requests are packed to this. */
  target: number;
  /** The window less the answer and the fixed prompt parts: nothing larger can be sent. */
  limit: number;
}

/** The room for files and related code in one request: window − answer − fixed prompt parts, and the request budget's share. */
export function computePromptBudget(limits: ModelLimits, fixedPromptTokens: number): PromptBudget {
  const limit = Math.max(0, limits.contextWindow - limits.maxOutputTokens - fixedPromptTokens - MESSAGE_OVERHEAD);
  return { target: Math.max(0, Math.min(limit, limits.requestTokens - fixedPromptTokens - MESSAGE_OVERHEAD)), limit };
}
