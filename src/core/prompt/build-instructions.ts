import type { RepoConfig } from "../config/repo-config-schema.js";

/**
 * The repository's instructions as every prompt carries them: its `instructions`, then, with a
 * `language`, which language people's text is written in (code and names stay as they are).
 */
export function buildInstructions(config: Pick<RepoConfig, "instructions" | "language">): string {
  const language = config.language
    ? `Write every text meant for people (summaries, findings, answers, descriptions) in the language with the BCP 47 tag "${config.language}". Do not translate code, suggestions, identifiers, file paths or quoted text.`
    : "";
  return [config.instructions.trim(), language].filter((part) => part !== "").join("\n\n");
}
