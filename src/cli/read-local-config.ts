import { readFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { parseRepoConfig, type ParsedRepoConfig } from "../core/config/parse-repo-config.js";
import { ConfigReadError } from "../github/config-read-error.js";
import { parseConfigYaml } from "../github/parse-config-yaml.js";
import { REPO_CONFIG_PATH } from "../github/repo-config-source.js";
import { UsageError } from "./parse-cli-args.js";

/**
 * The repository's `.github/patchwise.yml` from the working tree, or the file `--config` names.
 * Locally a bad config is the user's to fix now, so it stops the run (exit 2) instead of
 * falling back to the defaults as the App does.
 */
export async function readLocalConfig(root: string, configPath: string | undefined): Promise<ParsedRepoConfig["config"]> {
  const path = configPath === undefined ? join(root, REPO_CONFIG_PATH) : isAbsolute(configPath) ? configPath : join(process.cwd(), configPath);
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT" && configPath === undefined) return null;
    throw new UsageError(`cannot read the config file ${path}: ${error.code ?? error.message}`);
  });
  if (text === null) return parseRepoConfig(null).config;
  let raw: unknown;
  try {
    raw = parseConfigYaml(text, configPath ?? REPO_CONFIG_PATH);
  } catch (error) {
    throw error instanceof ConfigReadError ? new UsageError(error.detail) : error;
  }
  const { config, problems } = parseRepoConfig(raw);
  if (problems.length > 0) throw new UsageError(`${configPath ?? REPO_CONFIG_PATH} is not valid:\n${problems.map((problem) => `  - ${problem.message}`).join("\n")}`);
  return config;
}
