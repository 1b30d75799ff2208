import { z } from "zod";
import { SEVERITIES } from "../core/types.js";

// What GitHub gives a Docker action: inputs as INPUT_<NAME> (upper case, dashes kept) and the
// run's context as GITHUB_* variables. Validated here, the Action's only reader of its environment.
const actionEnvSchema = z.object({
  GITHUB_EVENT_NAME: z.string().min(1),
  GITHUB_EVENT_PATH: z.string().min(1),
  GITHUB_API_URL: z.url().default("https://api.github.com"),
  GITHUB_SERVER_URL: z.url().default("https://github.com"),
  GITHUB_RUN_ID: z.string().default("local"),
  "INPUT_GITHUB-TOKEN": z.string().min(1, "the github-token input is empty; leave it at its default ${{ github.token }}"),
  INPUT_PROVIDER: z.enum(["openai", "anthropic"]).default("openai"),
  INPUT_MODEL: z.string().optional(),
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
      [provider === "anthropic" ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY"]: e["INPUT_API-KEY"],
      [provider === "anthropic" ? "ANTHROPIC_BASE_URL" : "OPENAI_BASE_URL"]: e["INPUT_BASE-URL"],
    },
  };
}

// Timeouts and limits may still come from the workflow's `env:`, as for the App.
function pickModelTuning(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([key]) => /^PATCHWISE_(MODEL_TIMEOUT_MS|MODEL_MAX_RETRIES|MAX_OUTPUT_TOKENS|CONTEXT_WINDOW|MODEL_CONCURRENCY)$/.test(key)));
}
