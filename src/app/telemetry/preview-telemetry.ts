import { existsSync } from "node:fs";
import { readEnv } from "../../env.js";
import { DEFAULT_MODELS } from "../../providers/default-models.js";
import { createTelemetry } from "./create-telemetry.js";
import { readRuntimeFacts } from "./read-runtime-facts.js";

// `npm run telemetry:preview`: stdout is exactly the body a heartbeat of this configuration
// would POST (counters at zero: this process has reviewed nothing); stderr says whether and where.
if (existsSync(".env")) process.loadEnvFile(".env");

try {
  const env = readEnv();
  const log = { debug() {}, info() {}, warn() {}, error() {} };
  const telemetry = createTelemetry({
    url: env.telemetry.url,
    disabled: env.telemetry.disabled,
    runtime: await readRuntimeFacts(),
    defaultModel: { provider: env.model.provider, model: env.model.model ?? DEFAULT_MODELS[env.model.provider] },
    log,
  });
  process.stdout.write(telemetry.body());
  process.stderr.write(`${describeDestination(env.telemetry)}\n`);
} catch (error) {
  console.error(`patchwise: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

function describeDestination({ url, disabled }: { url: string | undefined; disabled: boolean }): string {
  if (disabled) return "Telemetry is disabled (PATCHWISE_TELEMETRY_DISABLED): nothing is sent.";
  if (!url) return "Telemetry is off: PATCHWISE_TELEMETRY_URL is not set, so nothing is sent anywhere.";
  return `A running server POSTs this body to ${url} at most once a day, with its counters since the last heartbeat.`;
}
