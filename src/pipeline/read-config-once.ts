import type { InstructionFileSources } from "../core/instructions/collect-instruction-files.js";
import type { ConfigSource } from "./ports.js";

/** The configuration (and instruction files) read once for the pipelines of one job (the review and `describe: auto` on the same opening). */
export function readConfigOnce(source: ConfigSource): ConfigSource {
  let loaded: Promise<unknown> | undefined;
  let instructions: Promise<InstructionFileSources> | undefined;
  const loadInstructionFiles = source.loadInstructionFiles?.bind(source);
  return {
    loadRepoConfig: () => (loaded ??= source.loadRepoConfig()),
    ...(loadInstructionFiles ? { loadInstructionFiles: () => (instructions ??= loadInstructionFiles()) } : {}),
  };
}
