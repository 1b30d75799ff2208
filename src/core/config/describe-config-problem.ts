import type { ConfigProblem } from "./parse-repo-config.js";
import { DEFAULT_REPO_CONFIG } from "./repo-config-schema.js";

/** A config problem with what became of it, as the summary lists it. */
export function describeConfigProblem(problem: ConfigProblem): string {
  if (problem.outcome === "stop") return `${problem.message} — the review stopped: this setting decides what is sent to the model, or where`;
  if (problem.outcome === "ignored") return `${problem.message} — ignored`;
  const fallback = defaultOf(problem.key);
  return `${problem.message} — ignored; ${fallback === undefined ? "it stays unset" : `the default \`${JSON.stringify(fallback)}\` applies`}`;
}

function defaultOf(key: string): unknown {
  return key.split(".").reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], DEFAULT_REPO_CONFIG);
}
