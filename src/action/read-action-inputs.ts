import { z } from "zod";
import { SEVERITIES } from "../core/types.js";
import { MODEL_PROVIDER_NAMES, type ModelProviderName } from "../providers/model-provider-names.js";

// What GitHub gives an action: inputs as INPUT_<NAME> (upper case, dashes kept) and the
// run's context as GITHUB_* variables. Validated here, the Action's only reader of its environment.
const actionEnvSchema = z.object({
  GITHUB_EVENT_NAME: z.string().min(1),
  GITHUB_EVENT_PATH: z.string().min(1),
  GITHUB_API_URL: z.url().default("https://api.github.com"),
  GITHUB_SERVER_URL: z.url().default("https://github.com"),
  GITHUB_RUN_ID: z.string().default("local"),
  "INPUT_GITHUB-TOKEN": z.string().min(1, "the github-token input is empty; leave it at its default ${{ github.token }}"),
  INPUT_PROVIDER: z.enum(MODEL_PROVIDER_NAMES).default("openai"),
  INPUT_MODEL: z.string().optional(),
  "INPUT_MODEL-LIGHT": z.string().optional(),
  "INPUT_FALLBACK-MODELS": z.string().optional(),
  "INPUT_API-KEY": z.string().optional(),
  "INPUT_BASE-URL": z.url().optional(),
  "INPUT_CONFIG-PATH": z.string().min(1).default(".github/patchwise.yml"),
  "INPUT_FAIL-ON": z.enum(SEVERITIES).optional(),
});

export interface ActionInputs {
  eventName: string;
  eventPath: string;
  apiUrl: string;
  /** The web host of the GitHub the workflow runs on: posted text may link nowhere else. */
  githubHost: string;
  runId: string;
  token: string;
  configPath: string;
  failOn: (typeof SEVERITIES)[number] | undefined;
  /** The model settings in the form `readEnv` takes them, so the App's defaults and checks apply. */
  modelEnv: Record<string, string | undefined>;
}

/** Reads the Action's inputs and context; throws one message listing every bad input. */
export function readActionInputs(env: Record<string, string | undefined>): ActionInputs {
  const cleaned = Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === "" ? undefined : value]));
  const result = actionEnvSchema.safeParse(cleaned);
  if (!result.success) {
    throw new Error(`invalid action inputs: ${result.error.issues.map((issue) => `${issue.path.join(".").replace(/^INPUT_/, "").toLowerCase()}: ${issue.message}`).join("; ")}`);
  }
  const e = result.data;
  const provider = e.INPUT_PROVIDER;
  const apiKeySetting = INPUT_SETTINGS[provider].apiKey;
  if (e["INPUT_API-KEY"] && apiKeySetting === undefined) {
    throw new Error(`invalid action inputs: api-key: ${provider} takes no key; its credentials come from the job (google-github-actions/auth before this step)`);
  }
  return {
    eventName: e.GITHUB_EVENT_NAME,
    eventPath: e.GITHUB_EVENT_PATH,
    apiUrl: e.GITHUB_API_URL,
    githubHost: new URL(e.GITHUB_SERVER_URL).host,
    runId: e.GITHUB_RUN_ID,
    token: e["INPUT_GITHUB-TOKEN"],
    configPath: e["INPUT_CONFIG-PATH"],
    failOn: e["INPUT_FAIL-ON"],
    modelEnv: {
      ...pickModelTuning(env),
      PATCHWISE_PROVIDER: provider,
      PATCHWISE_MODEL: e.INPUT_MODEL,
      // Checked by readEnv, as the App's variables are.
      PATCHWISE_MODEL_LIGHT: e["INPUT_MODEL-LIGHT"],
      PATCHWISE_FALLBACK_MODELS: e["INPUT_FALLBACK-MODELS"],
      ...(e["INPUT_API-KEY"] && apiKeySetting ? { [apiKeySetting]: e["INPUT_API-KEY"] } : {}),
      ...(e["INPUT_BASE-URL"] ? { [INPUT_SETTINGS[provider].baseUrl]: e["INPUT_BASE-URL"] } : {}),
    },
  };
}

// What the `api-key` and `base-url` inputs set for each provider. Vertex AI takes no key: its
// credentials come from the job (Google's auth action), as Bedrock's may (AWS's).
const INPUT_SETTINGS: Record<ModelProviderName, { apiKey: string | undefined; baseUrl: string }> = {
  openai: { apiKey: "OPENAI_API_KEY", baseUrl: "OPENAI_BASE_URL" },
  anthropic: { apiKey: "ANTHROPIC_API_KEY", baseUrl: "ANTHROPIC_BASE_URL" },
  azure: { apiKey: "AZURE_OPENAI_API_KEY", baseUrl: "AZURE_OPENAI_ENDPOINT" },
  bedrock: { apiKey: "AWS_BEARER_TOKEN_BEDROCK", baseUrl: "AWS_ENDPOINT_URL_BEDROCK_RUNTIME" },
  gemini: { apiKey: "GEMINI_API_KEY", baseUrl: "GEMINI_BASE_URL" },
  vertex: { apiKey: undefined, baseUrl: "VERTEX_BASE_URL" },
};

// Timeouts and limits may still come from the workflow's `env:`, as for the App; so do the clouds'
// settings and the credentials their login actions leave in the job's environment
// (configure-aws-credentials: AWS_*; Google's auth action: GOOGLE_*; an Azure endpoint and version).
function pickModelTuning(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(env).filter(
      ([key]) =>
        /^PATCHWISE_(MODEL_TIMEOUT_MS|MODEL_MAX_RETRIES|MAX_OUTPUT_TOKENS|CONTEXT_WINDOW|MODEL_CONCURRENCY)$/.test(key) ||
        /^(AZURE_OPENAI_ENDPOINT|OPENAI_API_VERSION|AWS_[A-Z_]+|GOOGLE_CLOUD_PROJECT|GOOGLE_CLOUD_LOCATION|GOOGLE_APPLICATION_CREDENTIALS)$/.test(key),
    ),
  );
}
