import type { ConfigSource } from "./ports.js";

/** The configuration read once for the pipelines of one job (the review and `describe: auto` on the same opening). */
export function readConfigOnce(source: ConfigSource): ConfigSource {
  let loaded: Promise<unknown> | undefined;
  return { loadRepoConfig: () => (loaded ??= source.loadRepoConfig()) };
}
