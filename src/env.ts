import { z } from "zod";
import { DEFAULT_COMMAND_RATE_LIMIT_TEXT, type CommandRateLimits } from "./core/access/command-rate-limits.js";
import { parseRateLimit, RATE_LIMIT_PATTERN } from "./core/access/parse-rate-limit.js";
import { DEFAULT_MAX_REVIEW_TOKENS, DEFAULT_REQUEST_TOKENS } from "./core/tokens/resolve-model-limits.js";
import { MODEL_PROVIDER_NAMES, type ModelProviderName } from "./providers/model-provider-names.js";

// The only reader of the operator's environment. Everything else gets these values passed in.
// Model keys and base URLs come from here and nowhere else: a repository's config cannot
// redirect where its code is sent.
const PRICE_PATTERN = /^\d+(\.\d+)?\/\d+(\.\d+)?$/;
const rateLimitSchema = z.string().regex(RATE_LIMIT_PATTERN, "expected N/second, N/minute, N/hour or N/day (N at least 1), or off");
const envSchema = z.object({
  APP_ID: z.string().optional(),
  WEBHOOK_SECRET: z.string().optional(),
  GHE_HOST: z.string().optional(),
  GHE_PROTOCOL: z.enum(["http", "https"]).default("https"),
  // Set-up mode: where GitHub will send webhooks (a smee.io channel, or this server's public
  // address) and the organization that will own the App.
  WEBHOOK_PROXY_URL: z.url().optional(),
  PATCHWISE_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  GH_ORG: z.string().optional(),
  PATCHWISE_PROVIDER: z.enum(MODEL_PROVIDER_NAMES).default("openai"),
  PATCHWISE_MODEL: z.string().min(1).optional(),
  PATCHWISE_MODEL_LIGHT: z.string().min(1).optional(),
  PATCHWISE_FALLBACK_MODELS: z
    .string()
    .trim()
    .regex(/^[^,\s]+(\s*,\s*[^,\s]+)*$/, "expected model names separated by commas, such as gpt-4.1,gpt-4.1-mini")
    .optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.url().optional(),
  ANTHROPIC_API_KEY: z.string().optional(),
  ANTHROPIC_BASE_URL: z.url().optional(),
  AZURE_OPENAI_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  AZURE_OPENAI_API_KEY: z.string().optional(),
  // The newest generally available version of the deployments API (not a preview).
  OPENAI_API_VERSION: z.string().regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/, "expected a version such as 2024-10-21").default("2024-10-21"),
  AWS_REGION: z.string().optional(),
  AWS_DEFAULT_REGION: z.string().optional(),
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_SECRET_ACCESS_KEY: z.string().optional(),
  AWS_SESSION_TOKEN: z.string().optional(),
  AWS_PROFILE: z.string().optional(),
  AWS_BEARER_TOKEN_BEDROCK: z.string().optional(),
  AWS_ENDPOINT_URL_BEDROCK_RUNTIME: z.url({ protocol: /^https?$/ }).optional(),
  GEMINI_API_KEY: z.string().optional(),
  GOOGLE_API_KEY: z.string().optional(),
  GEMINI_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  GOOGLE_CLOUD_PROJECT: z.string().optional(),
  GOOGLE_CLOUD_LOCATION: z.string().regex(/^[a-z0-9-]+$/, "expected a location such as global or europe-west4").optional(),
  GOOGLE_APPLICATION_CREDENTIALS: z.string().optional(),
  VERTEX_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  PATCHWISE_MODEL_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  PATCHWISE_MODEL_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  PATCHWISE_MAX_OUTPUT_TOKENS: z.coerce.number().int().positive().default(8_000),
  PATCHWISE_CONTEXT_WINDOW: z.coerce.number().int().min(4_000).optional(),
  PATCHWISE_REQUEST_TOKENS: z.coerce.number().int().min(2_000).default(DEFAULT_REQUEST_TOKENS),
  PATCHWISE_MAX_REVIEW_TOKENS: z.coerce.number().int().min(1_000).default(DEFAULT_MAX_REVIEW_TOKENS),
  PATCHWISE_MAX_REVIEW_COST_USD: z.coerce.number().positive().optional(),
  PATCHWISE_MODEL_PRICE: z.string().regex(PRICE_PATTERN, "expected INPUT/OUTPUT US dollars per million tokens, e.g. 0.4/1.6").optional(),
  PATCHWISE_MODEL_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  PATCHWISE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  PATCHWISE_QUEUE_LIMIT: z.coerce.number().int().min(1).default(1_000),
  PATCHWISE_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  PATCHWISE_REVIEW_TIMEOUT_MS: z.coerce.number().int().min(10_000).default(15 * 60_000),
  PATCHWISE_AUDIT_LOG: z.string().optional(),
  PATCHWISE_TELEMETRY_URL: z.url({ protocol: /^https?$/ }).optional(),
  PATCHWISE_TELEMETRY_DISABLED: z.stringbool().default(false),
  PATCHWISE_RATE_LIMIT_PER_PR: rateLimitSchema.default(DEFAULT_COMMAND_RATE_LIMIT_TEXT.perPullRequest),
  PATCHWISE_RATE_LIMIT_PER_REPO: rateLimitSchema.default(DEFAULT_COMMAND_RATE_LIMIT_TEXT.perRepository),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "expected a redis:// or rediss:// URL" }).optional(),
  // BullMQ refuses ":" in names: it separates the parts of its Redis keys.
  PATCHWISE_QUEUE_NAME: z.string().regex(/^[A-Za-z0-9._-]+$/, "letters, digits, '.', '_' and '-' only").default("patchwise-reviews"),
  PATCHWISE_WORKER: z.stringbool().default(true),
  PATCHWISE_QUEUE_LOCK_MS: z.coerce.number().int().min(1_000).default(30_000),
});

export type PatchwiseEnv = {
  appConfigured: boolean;
  webhookSecret: string | undefined;
  githubApiUrl: string;
  model: {
    provider: ModelProviderName;
    model: string | undefined;
    /** The model of the verify pass; undefined: the review's model. */
    modelLight: string | undefined;
    /** Asked in order, same provider, when a request's model is down or not available to the account. */
    fallbackModels: string[];
    openaiApiKey: string | undefined;
    openaiBaseUrl: string | undefined;
    anthropicApiKey: string | undefined;
    anthropicBaseUrl: string | undefined;
    azure: AzureEnv;
    bedrock: BedrockEnv;
    gemini: GeminiEnv;
    vertex: VertexEnv;
    timeoutMs: number;
    maxRetries: number;
    maxOutputTokens: number;
    /** Overrides the model table's context window (a local model served with a smaller one). */
    contextWindow: number | undefined;
    /** Input tokens one model request aims at (PATCHWISE_REQUEST_TOKENS); a repository may lower it. */
    requestTokens: number;
    /** Most input tokens one review sends (PATCHWISE_MAX_REVIEW_TOKENS), and most US dollars it may cost where the price is known (PATCHWISE_MAX_REVIEW_COST_USD). */
    maxReviewTokens: number;
    maxReviewCostUsd: number | undefined;
    /** The operator's price of the model (PATCHWISE_MODEL_PRICE), replacing the catalog's. */
    price: { inputPerMillion: number; outputPerMillion: number } | undefined;
    /** Model requests of one review sent at once (a chunked review). */
    concurrency: number;
  };
  concurrency: number;
  queueLimit: number;
  /** How long SIGTERM waits for running reviews before the process exits. */
  shutdownGraceMs: number;
  /** The most one review may take; past it the review is stopped and its summary says so. */
  reviewTimeoutMs: number;
  /** File the audit events are appended to (one JSON line each), besides the log. */
  auditLogPath: string | undefined;
  /** The anonymous daily heartbeat goes to `url` only, and only when set and not disabled. */
  telemetry: { url: string | undefined; disabled: boolean };
  /** The web host of GitHub (`github.com`, or `GHE_HOST`): the only host posted text may link to. */
  githubHost: string;
  /** Limits on `/review` commands that passed the access check, per pull request and per repository. */
  commandRateLimits: CommandRateLimits;
  /** The shared queue on Redis (REDIS_URL); undefined: the in-process queue. */
  redis: RedisQueueEnv | undefined;
  /** What the set-up page (no APP_ID yet) offers as the new App's webhook URL and owner. */
  setup: { webhookUrl: string | undefined; organization: string | undefined };
};

export interface AzureEnv {
  endpoint: string | undefined;
  /** Without a key, Microsoft Entra ID signs the requests. */
  apiKey: string | undefined;
  apiVersion: string;
}

export interface BedrockEnv {
  region: string | undefined;
  /** Static keys, when the environment holds them; otherwise AWS's credential chain finds them. */
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  sessionToken: string | undefined;
  /** Named for --dry-run only: the credential chain reads the profile itself. */
  profile: string | undefined;
  /** A Bedrock API key, sent as a bearer token instead of a SigV4 signature. */
  bearerToken: string | undefined;
  endpoint: string | undefined;
}

export interface GeminiEnv {
  apiKey: string | undefined;
  baseUrl: string | undefined;
}

export interface VertexEnv {
  project: string | undefined;
  location: string | undefined;
  /** A credentials file of any type Google's auth library reads; otherwise ADC's other sources. */
  credentialsFile: string | undefined;
  baseUrl: string | undefined;
}

export interface RedisQueueEnv {
  url: string;
  queueName: string;
  /** Whether `npm start` also works the queue (PATCHWISE_WORKER); `npm run worker` always does. */
  worker: boolean;
  /** How long a job (and its pull request) stays locked without a heartbeat: a dead worker's job is retried after it. */
  lockMs: number;
}

export class EnvError extends Error {
  override name = "EnvError";
}

/** Reads and validates the operator's environment; throws an `EnvError` listing every bad variable. */
export function readEnv(env: Record<string, string | undefined> = process.env): PatchwiseEnv {
  const result = envSchema.safeParse(emptyToUndefined(env));
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment: ${problems.join("; ")}`);
  }
  const e = result.data;
  return {
    appConfigured: Boolean(e.APP_ID),
    webhookSecret: e.WEBHOOK_SECRET,
    githubApiUrl: e.GHE_HOST ? `${e.GHE_PROTOCOL}://${e.GHE_HOST}/api/v3` : "https://api.github.com",
    model: {
      provider: e.PATCHWISE_PROVIDER,
      model: e.PATCHWISE_MODEL,
      modelLight: e.PATCHWISE_MODEL_LIGHT,
      fallbackModels: e.PATCHWISE_FALLBACK_MODELS?.split(",").map((name) => name.trim()) ?? [],
      openaiApiKey: e.OPENAI_API_KEY,
      openaiBaseUrl: e.OPENAI_BASE_URL,
      anthropicApiKey: e.ANTHROPIC_API_KEY,
      anthropicBaseUrl: e.ANTHROPIC_BASE_URL,
      azure: { endpoint: e.AZURE_OPENAI_ENDPOINT, apiKey: e.AZURE_OPENAI_API_KEY, apiVersion: e.OPENAI_API_VERSION },
      bedrock: {
        region: e.AWS_REGION ?? e.AWS_DEFAULT_REGION,
        accessKeyId: e.AWS_ACCESS_KEY_ID,
        secretAccessKey: e.AWS_SECRET_ACCESS_KEY,
        sessionToken: e.AWS_SESSION_TOKEN,
        profile: e.AWS_PROFILE,
        bearerToken: e.AWS_BEARER_TOKEN_BEDROCK,
        endpoint: e.AWS_ENDPOINT_URL_BEDROCK_RUNTIME,
      },
      // Google's own SDK prefers GOOGLE_API_KEY when both are set; so does Patchwise.
      gemini: { apiKey: e.GOOGLE_API_KEY ?? e.GEMINI_API_KEY, baseUrl: e.GEMINI_BASE_URL },
      vertex: { project: e.GOOGLE_CLOUD_PROJECT, location: e.GOOGLE_CLOUD_LOCATION, credentialsFile: e.GOOGLE_APPLICATION_CREDENTIALS, baseUrl: e.VERTEX_BASE_URL },
      timeoutMs: e.PATCHWISE_MODEL_TIMEOUT_MS,
      maxRetries: e.PATCHWISE_MODEL_MAX_RETRIES,
      maxOutputTokens: e.PATCHWISE_MAX_OUTPUT_TOKENS,
      contextWindow: e.PATCHWISE_CONTEXT_WINDOW,
      requestTokens: e.PATCHWISE_REQUEST_TOKENS,
      maxReviewTokens: e.PATCHWISE_MAX_REVIEW_TOKENS,
      maxReviewCostUsd: e.PATCHWISE_MAX_REVIEW_COST_USD,
      price: e.PATCHWISE_MODEL_PRICE === undefined ? undefined : readPrice(e.PATCHWISE_MODEL_PRICE),
      concurrency: e.PATCHWISE_MODEL_CONCURRENCY,
    },
    concurrency: e.PATCHWISE_CONCURRENCY,
    queueLimit: e.PATCHWISE_QUEUE_LIMIT,
    shutdownGraceMs: e.PATCHWISE_SHUTDOWN_GRACE_MS,
    reviewTimeoutMs: e.PATCHWISE_REVIEW_TIMEOUT_MS,
    auditLogPath: e.PATCHWISE_AUDIT_LOG,
    telemetry: { url: e.PATCHWISE_TELEMETRY_URL, disabled: e.PATCHWISE_TELEMETRY_DISABLED },
    githubHost: e.GHE_HOST ?? "github.com",
    commandRateLimits: { perPullRequest: parseRateLimit(e.PATCHWISE_RATE_LIMIT_PER_PR), perRepository: parseRateLimit(e.PATCHWISE_RATE_LIMIT_PER_REPO) },
    setup: { webhookUrl: e.WEBHOOK_PROXY_URL ?? (e.PATCHWISE_PUBLIC_URL && `${e.PATCHWISE_PUBLIC_URL.replace(/\/+$/, "")}/api/github/webhooks`), organization: e.GH_ORG },
    redis: e.REDIS_URL ? { url: e.REDIS_URL, queueName: e.PATCHWISE_QUEUE_NAME, worker: e.PATCHWISE_WORKER, lockMs: e.PATCHWISE_QUEUE_LOCK_MS } : undefined,
  };
}

function readPrice(text: string): { inputPerMillion: number; outputPerMillion: number } {
  const [input, output] = text.split("/").map(Number) as [number, number];
  return { inputPerMillion: input, outputPerMillion: output };
}

// An empty line in .env (`OPENAI_BASE_URL=`) means "not set", not "set to the empty string".
function emptyToUndefined(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === "" ? undefined : v]));
}
