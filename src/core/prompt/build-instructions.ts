import type { RepoConfig } from "../config/repo-config-schema.js";
import { matchesAnyPath } from "../files/match-any-path.js";
import type { InstructionFile } from "../instructions/parse-instruction-file.js";
import { selectInstructionFiles } from "../instructions/select-instruction-files.js";

/**
 * The repository's instructions as one prompt carries them: the instruction files written for
 * GitHub's reviewer that apply to `paths`, each under its name; then its `instructions` (a
 * list's parts only where one of `paths` matches their globs; every file and part when `paths` is
 * "all", for sizing), so that what was written for Patchwise comes last; then, with a
 * `language`, which language people's text is written in (code stays as it is).
 */
export function buildInstructions(config: Pick<RepoConfig, "instructions" | "language">, paths: readonly string[] | "all", files: readonly InstructionFile[] = []): string {
  const language = config.language
    ? `Write every text meant for people (summaries, findings, answers, descriptions) in the language with the BCP 47 tag "${config.language}". Do not translate code, suggestions, identifiers, file paths or quoted text.`
    : "";
  const fromFiles = selectInstructionFiles(files, paths).map((file) => `From ${file.path}:\n${file.text}`);
  const parts = typeof config.instructions === "string" ? [config.instructions] : config.instructions.filter((part) => paths === "all" || matchesAnyPath(part.paths, paths)).map((part) => part.text);
  return [...fromFiles, ...parts.map((part) => part.trim()), language].filter((part) => part !== "").join("\n\n");
}
