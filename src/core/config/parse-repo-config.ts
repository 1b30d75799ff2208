import { z } from "zod";
import { DEFAULT_REPO_CONFIG, repoConfigSchema, type RepoConfig } from "./repo-config-schema.js";

export interface ParsedRepoConfig {
  config: RepoConfig;
  /** Readable problems, one per bad key; when present the defaults are used. */
  errors: string[];
}

/** Validates a parsed `.github/patchwise.yml`; invalid input yields the defaults plus readable errors. */
export function parseRepoConfig(raw: unknown): ParsedRepoConfig {
  if (raw === null || raw === undefined) return { config: DEFAULT_REPO_CONFIG, errors: [] };
  const result = repoConfigSchema.safeParse(raw);
  if (result.success) return { config: result.data, errors: [] };
  return { config: DEFAULT_REPO_CONFIG, errors: result.error.issues.map(describeIssue) };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
  if (issue.code === "unrecognized_keys") {
    const allowed = Object.keys(repoConfigSchema.shape).join(", ");
    return `unknown key ${issue.keys.map((k) => `\`${k}\``).join(", ")}; allowed keys: ${allowed}`;
  }
  return `\`${key}\`: ${issue.message}`;
}
