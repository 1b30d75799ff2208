import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { formatUtcTime } from "../core/wait/format-utc-time.js";
import { readRefusedRetryAt } from "./bound-retry-waits.js";
import type { ModelProviderName } from "./model-provider-names.js";
import { PROVIDER_PROFILES } from "./provider-profiles.js";
import { readContextLengthRefusal, type ContextLengthRefusal } from "./read-context-length-refusal.js";

// SDK errors carry the request options, the response body and headers, and an APIError's
// `message` quotes the response body (which can echo the prompt, i.e. code). A ModelError is
// therefore built only from the HTTP status, the error's short type/code identifiers and the
// operator's own base URL, and never keeps the original error as `cause`.

export type { ModelProviderName } from "./model-provider-names.js";

/**
 * What went wrong, as a type: decisions (such as trying a fallback model) test this, never the
 * message. Undefined for failures of the answer itself (cut off, refused, filtered).
 */
export type ModelErrorKind =
  | "cancelled"
  | "timeout"
  | "unreachable"
  | "credentials"
  | "billing"
  | "quota"
  | "forbidden"
  | "not found"
  | "too long"
  | "too large"
  | "rate limited"
  | "overloaded"
  | "server error"
  | "refused"
  | "unexpected";

export interface ModelErrorInit {
  provider: string;
  message: string;
  retryable: boolean;
  status?: number;
  kind?: ModelErrorKind;
  /** The server refused the prompt as longer than its context window (and stated this window, where it did). */
  contextLength?: ContextLengthRefusal;
}

/** A model provider failure whose message is safe to log and to post: no body, headers or code. */
export class ModelError extends Error {
  override readonly name = "ModelError";
  readonly retryable: boolean;
  readonly status?: number;
  readonly provider: string;
  readonly kind?: ModelErrorKind;
  /** Set when the server refused the prompt as too long: the request can be split and sent again. */
  readonly contextLength?: ContextLengthRefusal;

  constructor(init: ModelErrorInit) {
    super(init.message);
    this.provider = init.provider;
    this.retryable = init.retryable;
    if (init.status !== undefined) this.status = init.status;
    if (init.kind !== undefined) this.kind = init.kind;
    if (init.contextLength !== undefined) this.contextLength = init.contextLength;
  }
}

/** Converts anything the OpenAI (or Azure OpenAI) or Anthropic SDK throws into a ModelError that tells the operator what to do. */
export function toModelError(provider: ModelProviderName, err: unknown, baseUrl?: string): ModelError {
  if (err instanceof ModelError) return err;
  // The SDK wraps what a token provider throws (createEntraTokenProvider throws a ModelError).
  if (err instanceof OpenAI.OpenAIError && err.cause instanceof ModelError) return err.cause;
  if (isAbort(err)) return describeTransportFailure(provider, "cancelled", baseUrl);
  if (err instanceof OpenAI.APIConnectionTimeoutError || err instanceof Anthropic.APIConnectionTimeoutError) return modelTimedOut(provider);
  if (err instanceof OpenAI.APIConnectionError || err instanceof Anthropic.APIConnectionError) {
    return describeTransportFailure(provider, "unreachable", baseUrl);
  }
  if ((err instanceof OpenAI.APIError || err instanceof Anthropic.APIError) && typeof err.status === "number") {
    const code = err instanceof OpenAI.APIError ? err.code : err.errorCode;
    return describeHttpFailure(
      provider,
      { status: err.status, type: err.type, code, message: bodyMessage(err.error), nCtx: field(err.error, "n_ctx"), retryAt: readRefusedRetryAt(err.headers) },
      baseUrl,
    );
  }
  return describeUnexpected(provider, err);
}

/** A model request (its answer whole, not only its headers) that took longer than PATCHWISE_MODEL_TIMEOUT_MS. */
export function modelTimedOut(provider: ModelProviderName): ModelError {
  return describeTransportFailure(provider, "timeout");
}

/** What a provider's HTTP failure says, as identifiers: the message is only tested, never kept. */
export interface FailureFacts {
  status: number;
  /** The error's type, exception name or status word (`rate_limit_error`, `ThrottlingException`, `RESOURCE_EXHAUSTED`). */
  type?: unknown;
  /** A finer code or reason (`insufficient_quota`, `API_KEY_INVALID`). */
  code?: unknown;
  /** The provider's own message, tested for "too long" (and read for the window it states, a number) and then dropped. */
  message?: unknown;
  /** llama.cpp's `n_ctx` field of its error body: the window, where it refused a prompt as too long. */
  nCtx?: unknown;
  /** When a provider asked to wait longer than the app waits (a long `retry-after`), the time it named. */
  retryAt?: number | undefined;
}

/** The ModelError for a failure that never got an HTTP answer. */
export function describeTransportFailure(provider: ModelProviderName, kind: "cancelled" | "timeout" | "unreachable", baseUrl?: string): ModelError {
  const make = (message: string, retryable: boolean) => new ModelError({ provider, message, retryable, kind });
  if (kind === "cancelled") return make(`the model request was cancelled (${provider})`, false);
  if (kind === "timeout") {
    return make(`the model did not answer in time (${provider}): raise PATCHWISE_MODEL_TIMEOUT_MS or choose a faster model`, true);
  }
  const profile = PROVIDER_PROFILES[provider];
  const host = hostOf(baseUrl) ?? profile.defaultHost ?? "the endpoint";
  return make(`could not reach ${host} (${provider}): check ${profile.endpointSetting} and that the server is running`, true);
}

/** The ModelError for something a provider client threw that is not one of its known errors: only its type is named. */
export function describeUnexpected(provider: ModelProviderName, err: unknown): ModelError {
  const name = err instanceof Error ? err.name : typeof err;
  return new ModelError({ provider, message: `unexpected ${name} from the ${provider} client: the app's log has the error type`, retryable: false, kind: "unexpected" });
}

/** The ModelError for an HTTP failure, worded from the provider's profile. */
export function describeHttpFailure(provider: ModelProviderName, facts: FailureFacts, baseUrl?: string): ModelError {
  const { status } = facts;
  const profile = PROVIDER_PROFILES[provider];
  const type = safeIdentifier(facts.type);
  const code = safeIdentifier(facts.code);
  const is = (codes: readonly string[]) => [type, code].some((value) => value !== undefined && codes.includes(value));
  // Azure repeats the status as its code ("429"): said once.
  const described = [provider, `HTTP ${status}`, ...[type, code].filter((v): v is string => v !== undefined && v !== String(status))].join(", ");
  const say = (kind: ModelErrorKind, what: string, todo: string, retryable: boolean) =>
    new ModelError({ provider, message: `${what} (${described}): ${todo}`, retryable, status, kind });
  // A refusal in any provider's words (vLLM's and LM Studio's have no code): the window it states
  // is kept as a number, so that the request can be split to fit and sent again.
  const message = typeof facts.message === "string" ? facts.message : undefined;
  const refusal = status < 500 ? readContextLengthRefusal({ type, code, text: message, nCtx: facts.nCtx }) : null;
  const tooLong = refusal !== null || is(profile.codes.tooLong) || (message !== undefined && status < 500 && profile.tooLongMessage?.test(message) === true);
  if (tooLong) return describeContextLength(provider, refusal ?? { window: null }, described, status);
  if (status === 401 || is(profile.codes.credentials)) return say("credentials", `the model provider rejected ${profile.credentials.noun}`, profile.credentials.fix, false);
  if (status === 402) return say("billing", "the model provider reports a billing problem", "check the account's billing", false);
  if (is(profile.codes.quota)) return say("quota", "the model provider account has no quota left", "check the account's billing and limits", false);
  if (status === 403) return say("forbidden", `${profile.credentials.noun} may not use this model or endpoint`, profile.forbiddenFix, false);
  if (status === 404) {
    const where = baseUrl !== undefined && profile.defaultHost !== undefined ? ` and ${profile.endpointSetting}` : "";
    return say("not found", "model not found", `${profile.notFoundFix}${where}`, false);
  }
  if (status === 408 || status === 409) return say("timeout", "the model provider timed out the request", "try /review again later", true);
  if (status === 413) return say("too large", "the request is too large for the model provider", "review a smaller pull request", false);
  // Retrying sooner would only be refused again, so the review does not wait.
  if (facts.retryAt !== undefined) return say("rate limited", `the model provider asked to wait until ${formatUtcTime(facts.retryAt)}`, "comment /review after then", false);
  if (status === 429 || is(profile.codes.throttled)) {
    return say("rate limited", "the model provider is rate limiting requests", "lower PATCHWISE_CONCURRENCY or raise the account's rate limits", true);
  }
  if (status === 529 || is(profile.codes.overloaded)) return say("overloaded", "the model provider is overloaded", "try /review again later", true);
  if (status >= 500) return say("server error", "the model provider had a server error", "try /review again later", true);
  return say(
    "refused",
    "the model provider refused the request",
    "check that PATCHWISE_MODEL exists and supports structured output with a JSON schema",
    false,
  );
}

/**
 * The error of a context-length refusal that came without an HTTP failure (a stop reason): it
 * carries the window the server stated (a number, never the server's words).
 */
export function contextLengthError(provider: ModelProviderName, refusal: ContextLengthRefusal, what: string): ModelError {
  return describeContextLength(provider, refusal, `${provider}, ${what}`);
}

function describeContextLength(provider: ModelProviderName, refusal: ContextLengthRefusal, described: string, status?: number): ModelError {
  const stated = refusal.window === null ? "" : `, the server allowing ${refusal.window.toLocaleString("en-US")} tokens`;
  return new ModelError({
    provider,
    message: `the prompt does not fit the model's context window (${described})${stated}: set PATCHWISE_CONTEXT_WINDOW to the server's window or lower PATCHWISE_REQUEST_TOKENS`,
    retryable: false,
    ...(status === undefined ? {} : { status }),
    kind: "too long",
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

/** Only the host of a base URL, which can carry userinfo or a query with a key; undefined when it is not a URL. */
export function hostOf(baseUrl: string | undefined): string | undefined {
  if (baseUrl === undefined) return undefined;
  try {
    return new URL(baseUrl).host || undefined;
  } catch {
    return undefined;
  }
}
