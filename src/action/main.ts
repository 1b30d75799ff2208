import { createLogger } from "../log.js";
import { loadPromptTemplates } from "../prompts/load-prompt-templates.js";
import { readActionInputs } from "./read-action-inputs.js";
import { runAction } from "./run-action.js";

// The GitHub Action's entry point (see action.yml). Logs are the same JSON lines as the App's:
// ids and counts, never code. A failed review or answer, or a finding at `fail-on`, fails the step.
const log = createLogger(process.env.LOG_LEVEL ?? "info");
try {
  const result = await runAction({ inputs: readActionInputs(process.env), templates: await loadPromptTemplates(), log });
  log.info({ outcome: result.outcome.status }, "patchwise action finished");
  if (result.outcome.status === "failed") process.stdout.write(`::error::Patchwise failed at ${result.outcome.stage}: ${result.outcome.reason}\n`);
  else if (result.exitCode === 1) process.stdout.write("::error::Patchwise found a finding at or above the fail-on severity\n");
  process.exitCode = result.exitCode;
} catch (error) {
  process.stdout.write(`::error::Patchwise: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
