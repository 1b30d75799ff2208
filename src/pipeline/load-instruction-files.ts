import type { RepoConfig } from "../core/config/repo-config-schema.js";
import { collectInstructionFiles, NO_INSTRUCTION_FILES, type InstructionFiles } from "../core/instructions/collect-instruction-files.js";
import type { Logger } from "../log.js";
import type { ConfigSource } from "./ports.js";

/**
 * The repository's instruction files, read from the config's trusted ref and capped; none when
 * `instructionFiles` is off (nothing is read then) or the shell cannot read them. Each file cut
 * or skipped gets a log line with its path and our reason (never its text).
 */
export async function loadInstructionFiles(config: Pick<RepoConfig, "instructionFiles">, source: Pick<ConfigSource, "loadInstructionFiles">, log: Pick<Logger, "info">, ids: object): Promise<InstructionFiles> {
  if (!config.instructionFiles || !source.loadInstructionFiles) return NO_INSTRUCTION_FILES;
  const collected = collectInstructionFiles(await source.loadInstructionFiles());
  for (const file of collected.cut) log.info({ ...ids, path: file.path, reason: file.reason }, "instruction file cut");
  for (const file of collected.skipped) log.info({ ...ids, path: file.path, reason: file.reason }, "instruction file skipped");
  return collected;
}
