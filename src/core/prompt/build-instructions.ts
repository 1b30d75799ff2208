import { Minimatch } from "minimatch";
import type { RepoConfig } from "../config/repo-config-schema.js";

/**
 * The repository's instructions as one prompt carries them: its `instructions` (a list's parts
 * only where one of `paths` matches their globs; every part when `paths` is "all", for sizing),
 * then, with a `language`, which language people's text is written in (code stays as it is).
 */
export function buildInstructions(config: Pick<RepoConfig, "instructions" | "language">, paths: readonly string[] | "all"): string {
  const language = config.language
    ? `Write every text meant for people (summaries, findings, answers, descriptions) in the language with the BCP 47 tag "${config.language}". Do not translate code, suggestions, identifiers, file paths or quoted text.`
    : "";
  const parts = typeof config.instructions === "string" ? [config.instructions] : config.instructions.filter((part) => paths === "all" || matchesAny(part.paths, paths)).map((part) => part.text);
  return [...parts.map((part) => part.trim()), language].filter((part) => part !== "").join("\n\n");
}

function matchesAny(globs: readonly string[], paths: readonly string[]): boolean {
  const matchers = globs.map((glob) => new Minimatch(glob, { dot: true }));
  return paths.some((path) => matchers.some((matcher) => matcher.match(path)));
}
