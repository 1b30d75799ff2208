import type { Logger } from "../log.js";
import { probeContextWindow, type WindowProbe } from "./probe-context-window.js";

/** Asks the model server for a model's window; resolves null when it cannot tell (never rejects). */
export type ProbeWindow = (model: string) => Promise<WindowProbe | null>;

// Hosted APIs answer none of the local servers' window questions: they are not asked.
const HOSTED = [/(^|\.)api\.openai\.com$/, /\.openai\.azure\.com$/, /\.cognitiveservices\.azure\.com$/, /\.services\.ai\.azure\.com$/, /(^|\.)googleapis\.com$/, /(^|\.)openrouter\.ai$/];

/**
 * The window probe of one process: each model's server is asked once (the answer, or that there
 * was none, is kept for the life of the process), and only a self-hosted OpenAI-compatible
 * endpoint is asked at all. Undefined when there is nothing to ask.
 */
export function createWindowProbe(settings: { provider: string; baseUrl: string | undefined; log: Logger; fetch?: typeof fetch }): ProbeWindow | undefined {
  const { baseUrl, log } = settings;
  if (settings.provider !== "openai" || baseUrl === undefined || isHosted(baseUrl)) return undefined;
  const asked = new Map<string, Promise<WindowProbe | null>>();
  return (model) => {
    let probe = asked.get(model);
    if (probe === undefined) {
      probe = probeContextWindow({ baseUrl, model, ...(settings.fetch ? { fetch: settings.fetch } : {}) }).then(
        (found) => {
          if (found === null) log.info({ model }, "the model server did not say its context window; requests are sized by PATCHWISE_CONTEXT_WINDOW or the catalog");
          else if (found.truncatesSilently) log.warn({ model, server: found.server, contextWindow: found.window }, describeTruncation(found));
          else log.info({ model, server: found.server, contextWindow: found.window }, "the model server reports its context window; requests are sized to it");
          return found;
        },
        () => null,
      );
      asked.set(model, probe);
    }
    return probe;
  };
}

/** `{ probeWindow }` when there is a probe, for spreading into the pipeline's dependencies. */
export function withWindowProbe(probe: ProbeWindow | undefined): { probeWindow?: ProbeWindow } {
  return probe ? { probeWindow: probe } : {};
}

/** What the log and the summary say when the server drops what passes its window without saying so (Ollama). */
export function describeTruncation(probe: WindowProbe): string {
  const how = probe.defaulted ? "its default context" : "the context set for this model";
  return `${probe.server} runs this model with ${how} of ${probe.window.toLocaleString("en-US")} tokens and silently drops what passes it, so requests are sized to fit it; for larger requests raise it (OLLAMA_CONTEXT_LENGTH, or num_ctx in the model's Modelfile)`;
}

function isHosted(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname.toLowerCase();
    return HOSTED.some((pattern) => pattern.test(host));
  } catch {
    return true;
  }
}
