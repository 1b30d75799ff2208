import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { readContextLengthRefusal, type ContextLengthRefusal } from "./read-context-length-refusal.js";

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
  /** The server refused the prompt as longer than its context window (and stated this window, where it did). */
  contextLength?: ContextLengthRefusal;
}

/** A model provider failure whose message is safe to log and to post: no body, headers or code. */
export class ModelError extends Error {
  override readonly name = "ModelError";
  readonly retryable: boolean;
  readonly status?: number;
  readonly provider: string;
  /** Set when the server refused the prompt as too long: the request can be split and sent again. */
  readonly contextLength?: ContextLengthRefusal;

  constructor(init: ModelErrorInit) {
    super(init.message);
    this.provider = init.provider;
    this.retryable = init.retryable;
    if (init.status !== undefined) this.status = init.status;
    if (init.contextLength !== undefined) this.contextLength = init.contextLength;
  }
}

/** Converts anything a provider SDK throws into a ModelError that tells the operator what to do. */
export function toModelError(provider: ModelProviderName, err: unknown, baseUrl?: string): ModelError {
  if (err instanceof ModelError) return err;
  const make = (message: string, retryable: boolean, status?: number) =>
    new ModelError({ provider, message, retryable, ...(status === undefined ? {} : { status }) });
  const env = ENV_NAMES[provider];
  if (isAbort(err)) return make(`the model request was cancelled (${provider})`, false);
  if (err instanceof OpenAI.APIConnectionTimeoutError || err instanceof Anthropic.APIConnectionTimeoutError) {
    return make(
      `the model did not answer in time (${provider}): raise PATCHWISE_MODEL_TIMEOUT_MS or choose a faster model`,
      true,
    );
  }
  if (err instanceof OpenAI.APIConnectionError || err instanceof Anthropic.APIConnectionError) {
    const host = hostOf(baseUrl) ?? DEFAULT_HOSTS[provider];
    return make(`could not reach ${host} (${provider}): check ${env.baseUrl} and that the server is running`, true);
  }
  if ((err instanceof OpenAI.APIError || err instanceof Anthropic.APIError) && typeof err.status === "number") {
    const code = err instanceof OpenAI.APIError ? err.code : err.errorCode;
    const refusal = readContextLengthRefusal({ type: err.type ?? undefined, code: typeof code === "string" ? code : undefined, text: bodyMessage(err.error), nCtx: field(err.error, "n_ctx") });
    if (refusal) return contextLengthError(provider, refusal, `HTTP ${err.status}`, err.status);
    return describeStatus(provider, err.status, safeIdentifier(err.type), safeIdentifier(code), baseUrl, make);
  }
  const name = err instanceof Error ? err.name : typeof err;
  return make(`unexpected ${name} from the ${provider} client: the app's log has the error type`, false);
}

type Make = (message: string, retryable: boolean, status?: number) => ModelError;

function describeStatus(
  provider: ModelProviderName,
  status: number,
  type: string | undefined,
  code: string | undefined,
  baseUrl: string | undefined,
  make: Make,
): ModelError {
  const env = ENV_NAMES[provider];
  const facts = [provider, `HTTP ${status}`, ...[type, code].filter((v): v is string => v !== undefined)].join(", ");
  const say = (what: string, todo: string, retryable: boolean) => make(`${what} (${facts}): ${todo}`, retryable, status);
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

/**
 * The error of a context-length refusal: it carries the window the server stated (a number, never
 * the server's words) so that the request can be split to fit and sent again.
 */
export function contextLengthError(provider: string, refusal: ContextLengthRefusal, what: string, status?: number): ModelError {
  const stated = refusal.window === null ? "" : `; the server allows ${refusal.window.toLocaleString("en-US")} tokens`;
  return new ModelError({
    provider,
    message: `the prompt does not fit the model's context window (${provider}, ${what}${stated}): set PATCHWISE_CONTEXT_WINDOW to the server's window or lower PATCHWISE_REQUEST_TOKENS`,
    retryable: false,
    ...(status === undefined ? {} : { status }),
    contextLength: refusal,
  });
}

// The provider's message, read only to recognise a refusal (OpenAI: the body's `error`, which LM
// Studio sends as a plain string; Anthropic: the whole body).
function bodyMessage(error: unknown): string | undefined {
  if (typeof error === "string") return error;
  const direct = field(error, "message");
  if (typeof direct === "string") return direct;
  const nested = field(field(error, "error"), "message");
  return typeof nested === "string" ? nested : undefined;
}

function field(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[name] : undefined;
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
