import { modelTimedOut, type ModelProviderName } from "./model-error.js";

/**
 * A fetch for the provider SDKs whose answers must arrive whole within `timeoutMs`. The SDKs' own
 * timeout (the same PATCHWISE_MODEL_TIMEOUT_MS) ends only the wait for the status line: a server
 * that sends its headers and then stalls would hold the review for ever. Here the body gets what is
 * left of the time, and past it fails with the SDKs' timeout error.
 */
export function limitAnswerTime(send: typeof fetch, timeoutMs: number, provider: ModelProviderName): typeof fetch {
  return async (input, init) => {
    const started = performance.now();
    const response = await send(input, init);
    if (!response.body) return response;
    let stop: TransformStreamDefaultController<Uint8Array> | undefined;
    const timer = setTimeout(() => stop?.error(modelTimedOut(provider)), Math.max(0, timeoutMs - (performance.now() - started)));
    // A body the SDK gives up on leaves the timer behind: it must not keep the process alive.
    timer.unref();
    const body = response.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({ start: (controller) => void (stop = controller), flush: () => clearTimeout(timer) }));
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
