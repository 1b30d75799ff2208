import { z } from "zod";

/** The window a local model server reported for a model. */
export interface WindowProbe {
  window: number;
  server: "vLLM" | "llama.cpp" | "Ollama" | "LM Studio";
  /** Ollama's OpenAI-compatible endpoint drops what passes the window without saying so: requests must be sized to it. */
  truncatesSilently: boolean;
  /** Ollama ran the model with its default context, not one set for it. */
  defaulted?: boolean;
}

export interface ProbeOptions {
  /** The OpenAI-compatible base URL (`OPENAI_BASE_URL`), e.g. `http://localhost:8000/v1`. */
  baseUrl: string;
  model: string;
  fetch?: typeof fetch;
  /** Each probe's deadline (default 2 s): a probe never holds a review up for long. */
  timeoutMs?: number;
}

// Ollama's context when neither the model's num_ctx nor a running instance says otherwise
// (OLLAMA_CONTEXT_LENGTH's default; older releases used 2,048).
const OLLAMA_DEFAULT_CONTEXT = 4_096;
const tokens = z.number().int().positive();
const vllmModels = z.object({ data: z.array(z.object({ id: z.string(), max_model_len: tokens.optional() })) });
const llamaCppProps = z.object({ n_ctx: tokens.optional(), default_generation_settings: z.object({ n_ctx: tokens.optional() }).optional() });
const ollamaShow = z.object({ parameters: z.string().optional(), model_info: z.record(z.string(), z.unknown()).optional() });
const ollamaRunning = z.object({ models: z.array(z.object({ name: z.string(), model: z.string().optional(), context_length: tokens.optional() })) });
const lmStudioModels = z.object({ data: z.array(z.object({ id: z.string(), loaded_context_length: tokens.optional(), max_context_length: tokens.optional() })) });

/**
 * Asks a local OpenAI-compatible server for the window it runs `model` with, in each server's own
 * API: vLLM `GET /v1/models` (`max_model_len`), llama.cpp `GET /props` (`n_ctx`), Ollama `POST
 * /api/show` (the model's `num_ctx`) or `GET /api/ps` (`context_length`), LM Studio `GET
 * /api/v0/models` (`loaded_context_length`). Null when none answers: a probe never fails a review.
 */
export async function probeContextWindow(options: ProbeOptions): Promise<WindowProbe | null> {
  const base = options.baseUrl.replace(/\/+$/, "");
  const root = base.replace(/\/v1$/, "");
  const get = (url: string, init?: RequestInit) => readJson(url, init, options);
  const [vllm, llamaCpp, lmStudio, ollama] = await Promise.all([
    get(`${base}/models`).then((body) => {
      const models = vllmModels.safeParse(body);
      const entry = models.success ? (models.data.data.find((model) => model.id === options.model) ?? (models.data.data.length === 1 ? models.data.data[0] : undefined)) : undefined;
      return entry?.max_model_len;
    }),
    get(`${root}/props`).then((body) => {
      const props = llamaCppProps.safeParse(body);
      return props.success ? (props.data.default_generation_settings?.n_ctx ?? props.data.n_ctx) : undefined;
    }),
    get(`${root}/api/v0/models`).then((body) => {
      const models = lmStudioModels.safeParse(body);
      return models.success ? models.data.data.find((model) => model.id === options.model)?.loaded_context_length : undefined;
    }),
    probeOllama(root, options, get),
  ]);
  if (vllm !== undefined) return { window: vllm, server: "vLLM", truncatesSilently: false };
  if (llamaCpp !== undefined) return { window: llamaCpp, server: "llama.cpp", truncatesSilently: false };
  if (lmStudio !== undefined) return { window: lmStudio, server: "LM Studio", truncatesSilently: false };
  return ollama;
}

async function probeOllama(root: string, options: ProbeOptions, get: (url: string, init?: RequestInit) => Promise<unknown>): Promise<WindowProbe | null> {
  const shown = ollamaShow.safeParse(await get(`${root}/api/show`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: options.model }) }));
  if (!shown.success) return null;
  const numCtx = /(?:^|\n)num_ctx\s+(\d+)/.exec(shown.data.parameters ?? "")?.[1];
  if (numCtx !== undefined) return { window: Number(numCtx), server: "Ollama", truncatesSilently: true };
  const running = ollamaRunning.safeParse(await get(`${root}/api/ps`));
  const loaded = running.success ? running.data.models.find((model) => model.name === options.model || model.model === options.model)?.context_length : undefined;
  if (loaded !== undefined) return { window: loaded, server: "Ollama", truncatesSilently: true };
  return { window: OLLAMA_DEFAULT_CONTEXT, server: "Ollama", truncatesSilently: true, defaulted: true };
}

// The body as JSON, or undefined for anything else (no server there, another kind of server, a timeout).
async function readJson(url: string, init: RequestInit | undefined, options: ProbeOptions): Promise<unknown> {
  try {
    const response = await (options.fetch ?? fetch)(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs ?? 2_000) });
    return response.ok ? ((await response.json()) as unknown) : undefined;
  } catch {
    return undefined;
  }
}
