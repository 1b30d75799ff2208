import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { formatUtcTime } from "../core/wait/format-utc-time.js";
import { readRefusedRetryAt } from "./bound-retry-waits.js";

// SDK errors carry the request options, the response body and headers, and an APIError's
// `message` quotes the response body (which can echo the prompt, i.e. code). A ModelError is
// therefore built only from the HTTP status, the error's short type/code identifiers and the
// operator's own base URL, and never keeps the original error as `cause`.

export type ModelProviderName = "openai" | "anthropic";

const ENV_NAMES: Record<ModelProviderName, { apiKey: string; baseUrl: string }> = {
  openai: { apiKey: "OPENAI_API_KEY", baseUrl: "OPENAI_BASE_URL" },
  anthropic: { apiKey: "ANTHROPIC_API_KEY", baseUrl: "ANTHROPIC_BASE_URL" },
};

const DEFAULT_HOSTS: Record<ModelProviderName, string> = {
  openai: "api.openai.com",
  anthropic: "api.anthropic.com",
};

export interface ModelErrorInit {
  provider: string;
  message: string;
  retryable: boolean;
  status?: number;
}

/** A model provider failure whose message is safe to log and to post: no body, headers or code. */
export class ModelError extends Error {
  override readonly name = "ModelError";
  readonly retryable: boolean;
  readonly status?: number;
  readonly provider: string;

  constructor(init: ModelErrorInit) {
    super(init.message);
    this.provider = init.provider;
    this.retryable = init.retryable;
    if (init.status !== undefined) this.status = init.status;
  }
}

/** Converts anything a provider SDK throws into a ModelError that tells the operator what to do. */
export function toModelError(provider: ModelProviderName, err: unknown, baseUrl?: string): ModelError {
  if (err instanceof ModelError) return err;
  const make = (message: string, retryable: boolean, status?: number) =>
    new ModelError({ provider, message, retryable, ...(status === undefined ? {} : { status }) });
  const env = ENV_NAMES[provider];
  if (isAbort(err)) return make(`the model request was cancelled (${provider})`, false);
  if (err instanceof OpenAI.APIConnectionTimeoutError || err instanceof Anthropic.APIConnectionTimeoutError) return modelTimedOut(provider);
  if (err instanceof OpenAI.APIConnectionError || err instanceof Anthropic.APIConnectionError) {
    const host = hostOf(baseUrl) ?? DEFAULT_HOSTS[provider];
    return make(`could not reach ${host} (${provider}): check ${env.baseUrl} and that the server is running`, true);
  }
  if ((err instanceof OpenAI.APIError || err instanceof Anthropic.APIError) && typeof err.status === "number") {
    const code = err instanceof OpenAI.APIError ? err.code : err.errorCode;
    return describeStatus(provider, err.status, safeIdentifier(err.type), safeIdentifier(code), baseUrl, make, readRefusedRetryAt(err.headers));
  }
  const name = err instanceof Error ? err.name : typeof err;
  return make(`unexpected ${name} from the ${provider} client: the app's log has the error type`, false);
}

/** A model request (its answer whole, not only its headers) that took longer than PATCHWISE_MODEL_TIMEOUT_MS. */
export function modelTimedOut(provider: ModelProviderName): ModelError {
  return new ModelError({ provider, message: `the model did not answer in time (${provider}): raise PATCHWISE_MODEL_TIMEOUT_MS or choose a faster model`, retryable: true });
}

type Make = (message: string, retryable: boolean, status?: number) => ModelError;

function describeStatus(
  provider: ModelProviderName,
  status: number,
  type: string | undefined,
  code: string | undefined,
  baseUrl: string | undefined,
  make: Make,
  retryAt: number | undefined,
): ModelError {
  const env = ENV_NAMES[provider];
  const facts = [provider, `HTTP ${status}`, ...[type, code].filter((v): v is string => v !== undefined)].join(", ");
  const say = (what: string, todo: string, retryable: boolean) => make(`${what} (${facts}): ${todo}`, retryable, status);
  if (code === "context_length_exceeded") {
    return say("the prompt does not fit the model's context window", "choose a model with a larger context in PATCHWISE_MODEL", false);
  }
  if (status === 401) return say("the model provider rejected the API key", `check ${env.apiKey}`, false);
  if (status === 402) return say("the model provider reports a billing problem", "check the account's billing", false);
  if (status === 403) {
    return say("the API key may not use this model or endpoint", `check the key's permissions and PATCHWISE_MODEL`, false);
  }
  if (status === 404) {
    const where = baseUrl === undefined ? "" : ` and ${env.baseUrl}`;
    return say("model not found", `check PATCHWISE_MODEL${where}`, false);
  }
  if (status === 408 || status === 409) return say("the model provider timed out the request", "try /review again later", true);
  if (status === 413) return say("the request is too large for the model provider", "review a smaller pull request", false);
  if (status === 429 && code === "insufficient_quota") {
    return say("the model provider account has no quota left", "check the account's billing and limits", false);
  }
  // Retrying sooner would only be refused again, so the review does not wait.
  if (retryAt !== undefined) return say(`the model provider asked to wait until ${formatUtcTime(retryAt)}`, "comment /review after then", false);
  if (status === 429) {
    return say("the model provider is rate limiting requests", "lower PATCHWISE_CONCURRENCY or raise the account's rate limits", true);
  }
  if (status === 529 || type === "overloaded_error") {
    return say("the model provider is overloaded", "try /review again later", true);
  }
  if (status >= 500) return say("the model provider had a server error", "try /review again later", true);
  return say(
    "the model provider refused the request",
    "check that PATCHWISE_MODEL exists and supports structured output with a JSON schema",
    false,
  );
}

function isAbort(err: unknown): boolean {
  if (err instanceof OpenAI.APIUserAbortError || err instanceof Anthropic.APIUserAbortError) return true;
  return err instanceof Error && err.name === "AbortError";
}

// Error types and codes are short identifiers; anything else (free text from an unusual
// server) is dropped rather than risk quoting a body.
function safeIdentifier(value: unknown): string | undefined {
  return typeof value === "string" && /^[A-Za-z0-9_.:-]{1,64}$/.test(value) ? value : undefined;
}

// Only the host: a base URL can carry userinfo or a query with a key.
function hostOf(baseUrl: string | undefined): string | undefined {
  if (baseUrl === undefined) return undefined;
  try {
    return new URL(baseUrl).host || undefined;
  } catch {
    return undefined;
  }
}
