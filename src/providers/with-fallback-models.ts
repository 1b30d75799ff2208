import type { ModelClient, ModelRequest, ModelResponse } from "../pipeline/ports.js";
import { ModelError, type ModelErrorKind } from "./model-error.js";

// After these the next model may do better: the requested one is busy or down (the client's own
// retries are spent by the time it throws) or this account cannot use it. A rejected key, a
// prompt too long or a cancelled review would fail the same way with any model of the provider.
const FALL_BACK_AFTER: ReadonlySet<ModelErrorKind> = new Set(["timeout", "rate limited", "overloaded", "server error", "not found", "forbidden"]);

export interface FallbackModelOptions {
  /** The operator's fallback models (PATCHWISE_FALLBACK_MODELS), tried in order after the requested one. */
  fallbacks: readonly string[];
  /** Told which model answered each request: the requested one or a fallback. */
  onAnswer(model: string): void;
  /** Told of each move to the next model, before it is asked. */
  onFallback?(event: { from: string; to: string; error: ModelError }): void;
}

/**
 * A ModelClient that sends a request the requested model could not answer to the operator's
 * fallback models, in order, and to no other model. When every one fails, the error names each.
 */
export function withFallbackModels(client: ModelClient, options: FallbackModelOptions): ModelClient {
  const ask = async (request: ModelRequest, models: readonly [string, ...string[]], failures: Failure[], signal?: AbortSignal): Promise<ModelResponse> => {
    const [model, ...rest] = models;
    try {
      const response = await client.complete({ ...request, model }, signal);
      options.onAnswer(model);
      return response;
    } catch (error) {
      if (!(error instanceof ModelError)) throw error;
      const [next, ...after] = rest;
      const fallsBack = error.kind !== undefined && FALL_BACK_AFTER.has(error.kind) && !signal?.aborted;
      if (next === undefined || !fallsBack) throw describeFailures({ model, error }, failures);
      options.onFallback?.({ from: model, to: next, error });
      return ask(request, [next, ...after], [...failures, { model, error }], signal);
    }
  };
  return {
    provider: client.provider,
    complete: (request, signal) => ask(request, [request.model, ...options.fallbacks.filter((model) => model !== request.model)], [], signal),
  };
}

interface Failure {
  model: string;
  error: ModelError;
}

// A failure without fallbacks before it is passed on as it is; after fallbacks, the last one's type with every model's reason.
function describeFailures(last: Failure, earlier: readonly Failure[]): ModelError {
  if (earlier.length === 0) return last.error;
  const reasons = [...earlier, last].map(({ model, error }) => `${model}: ${error.message}`).join("; ");
  return new ModelError({
    provider: last.error.provider,
    message: `every model tried failed (${reasons})`,
    retryable: last.error.retryable,
    ...(last.error.status !== undefined ? { status: last.error.status } : {}),
    ...(last.error.kind !== undefined ? { kind: last.error.kind } : {}),
    // A prompt too long for the last model tried can still be split and sent again.
    ...(last.error.contextLength !== undefined ? { contextLength: last.error.contextLength } : {}),
  });
}
