import { parseArgs } from "node:util";
import { SEVERITIES, type Severity } from "../core/types.js";

export type OutputFormat = "markdown" | "json" | "sarif";

export interface CliOptions {
  base: string | undefined;
  head: string | undefined;
  staged: boolean;
  format: OutputFormat;
  failOn: Severity | undefined;
  dryRun: boolean;
  quiet: boolean;
  config: string | undefined;
}

/** A mistake in how the CLI was called; exits with code 2 and the message. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export const HELP_TEXT = `Usage: patchwise review [options]

Reviews the changes of the current git repository with the configured model.

What to review (default: the current branch against its merge base with the default branch):
  --base <ref>        Base ref (default: the remote's default branch, else main)
  --head <ref>        Head ref (default: HEAD); with --base reviews base...head
  --staged            Review the staged changes instead

Output:
  --format <f>        markdown (default), json or sarif
  --fail-on <sev>     Exit 1 when a finding is at least this severe: ${SEVERITIES.join(", ")}
  --dry-run           Call no model: print exactly what would be sent (after secret
                      redaction), with token counts and the estimated cost
  --quiet             No progress on stderr (it is also silent when stderr is not a terminal)
  --config <path>     Config file (default: .github/patchwise.yml of the repository)
  -h, --help          This help
  -v, --version       The installed version

Environment:
  PATCHWISE_PROVIDER  openai (default; any OpenAI-compatible endpoint), anthropic, azure, bedrock,
                      gemini or vertex
  PATCHWISE_MODEL     Model name, Azure deployment or Bedrock model id (default per provider:
                      see the README)
  OPENAI_API_KEY, OPENAI_BASE_URL        OpenAI, Ollama, vLLM, LM Studio
  ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL  Anthropic
  AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY (or Entra ID), OPENAI_API_VERSION  Azure OpenAI
  AWS_REGION and AWS's credentials (or AWS_BEARER_TOKEN_BEDROCK)  Bedrock
  GEMINI_API_KEY, GEMINI_BASE_URL        Gemini API
  GOOGLE_CLOUD_PROJECT, GOOGLE_CLOUD_LOCATION, GOOGLE_APPLICATION_CREDENTIALS  Vertex AI
  PATCHWISE_MODEL_TIMEOUT_MS, PATCHWISE_MODEL_MAX_RETRIES, PATCHWISE_MAX_OUTPUT_TOKENS

Exit codes: 0 done, 1 a finding reached --fail-on, 2 usage or configuration error, 3 review failed.
`;

/** Reads `patchwise review [options]`; returns "help" or "version" when one of those was asked for. */
export function parseCliArgs(argv: string[]): CliOptions | "help" | "version" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        base: { type: "string" },
        head: { type: "string" },
        staged: { type: "boolean", default: false },
        format: { type: "string", default: "markdown" },
        "fail-on": { type: "string" },
        "dry-run": { type: "boolean", default: false },
        quiet: { type: "boolean", default: false },
        config: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (values.version) return "version";
  if (positionals.length !== 1 || positionals[0] !== "review") {
    throw new UsageError(`unknown command ${positionals.length === 0 ? "(none)" : `"${positionals.join(" ")}"`}: the command is "patchwise review"`);
  }
  if (!isFormat(values.format)) throw new UsageError(`--format must be markdown, json or sarif, not "${values.format}"`);
  const failOn = values["fail-on"];
  if (failOn !== undefined && !isSeverity(failOn)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(", ")}, not "${failOn}"`);
  if (values.staged && (values.base !== undefined || values.head !== undefined)) throw new UsageError("--staged reviews the index; it cannot be combined with --base or --head");
  if (values.head !== undefined && values.base === undefined) throw new UsageError("--head needs --base");
  // A dry run prints requests, not findings: SARIF has no place for them.
  if (values["dry-run"] && values.format === "sarif") throw new UsageError("--dry-run prints the requests, which SARIF cannot hold: use --format markdown or json with --dry-run");
  return {
    base: values.base,
    head: values.head,
    staged: values.staged,
    format: values.format,
    failOn,
    dryRun: values["dry-run"],
    quiet: values.quiet,
    config: values.config,
  };
}

function isFormat(value: string | undefined): value is OutputFormat {
  return value === "markdown" || value === "json" || value === "sarif";
}

function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}
