import type { HttpOptions } from "@google/genai";

export interface GoogleTransportOptions {
  baseUrl?: string | undefined;
  timeoutMs: number;
  maxRetries: number;
  /** The first retry's wait; later ones double (with jitter). Google's SDK waits a second. */
  retryDelayMs?: number;
  fetch?: typeof fetch;
}

/** The timeout, retries and base URL of @google/genai, shared by its Gemini and Vertex modes. */
export function googleHttpOptions(options: GoogleTransportOptions): HttpOptions {
  return {
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    // Per attempt, as the other providers' timeouts are.
    timeout: options.timeoutMs,
    // Retries 408, 429 and 5xx with exponential backoff; `attempts` counts the first request.
    retryOptions: { attempts: options.maxRetries + 1, ...(options.retryDelayMs === undefined ? {} : { initialDelay: options.retryDelayMs / 1000 }) },
  };
}
