import type { z } from "zod";
import { CONFIG_SECTIONS, DEFAULT_REPO_CONFIG, ON_INVALID, repoConfigSchema, type ConfigKey, type OnInvalid, type RepoConfig } from "./repo-config-schema.js";
import { suggestKey } from "./suggest-key.js";

/** One bad key of `.github/patchwise.yml`. */
export interface ConfigProblem {
  /** The setting (`limits.maxFiles`), or the unknown key as written, shortened. */
  key: string;
  /** What is wrong, naming the key; never its value. */
  message: string;
  /** `stop`: the review must not run; `default`: the key's default applies; `ignored`: an unknown key, skipped. */
  outcome: OnInvalid | "ignored";
}

export interface ParsedRepoConfig {
  /** Every valid key as written; each invalid one at its default. */
  config: RepoConfig;
  problems: ConfigProblem[];
}

type Section = keyof typeof CONFIG_SECTIONS;
type Field = { safeParse(value: unknown): z.ZodSafeParseResult<unknown> };

const QUOTED_KEY_CHARS = 40;
const ISSUES_PER_KEY = 3;
const TOP_LEVEL = "(top level)";

/**
 * Validates a parsed `.github/patchwise.yml` key by key (and `limits`, `commands` field by field),
 * so one bad key costs only itself: every valid key applies, each problem says what became of it.
 */
export function parseRepoConfig(raw: unknown): ParsedRepoConfig {
  if (raw === null || raw === undefined) return { config: DEFAULT_REPO_CONFIG, problems: [] };
  if (!isMapping(raw)) return { config: DEFAULT_REPO_CONFIG, problems: [{ key: TOP_LEVEL, message: "the file is not a mapping of settings", outcome: "stop" }] };
  const problems: ConfigProblem[] = [];
  const fields: Record<string, Field> = repoConfigSchema.shape;
  const valid: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (isSection(key)) valid[key] = parseSection(key, value, problems);
    else if (Object.hasOwn(fields, key)) valid[key] = parseField(key as ConfigKey, fields[key]!, value, problems);
    else problems.push(unknownKey(key, Object.keys(fields), ""));
  }
  // Each value kept has passed its own schema and no rule spans keys, so this only fills in defaults.
  return { config: repoConfigSchema.parse(valid), problems };
}

function parseSection(section: Section, value: unknown, problems: ConfigProblem[]): Record<string, unknown> | undefined {
  const fields: Record<string, Field> = CONFIG_SECTIONS[section];
  if (!isMapping(value)) {
    problems.push({ key: section, message: `\`${section}\` must be a mapping of ${Object.keys(fields).join(", ")}`, outcome: sectionOutcome(section) });
    return undefined;
  }
  const valid: Record<string, unknown> = {};
  for (const [field, fieldValue] of Object.entries(value)) {
    if (Object.hasOwn(fields, field)) valid[field] = parseField(`${section}.${field}` as ConfigKey, fields[field]!, fieldValue, problems);
    else problems.push(unknownKey(field, Object.keys(fields), `${section}.`));
  }
  return valid;
}

/** The value when its schema accepts it; otherwise undefined (the default), with the problem noted. */
function parseField(key: ConfigKey, schema: Field, value: unknown, problems: ConfigProblem[]): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const message = result.error.issues.slice(0, ISSUES_PER_KEY).map((issue) => `\`${key}${formatPath(issue.path)}\`: ${issue.message}`).join("; ");
  problems.push({ key, message, outcome: ON_INVALID[key] });
  return undefined;
}

// A misspelling of a setting that stops the review when invalid stops it too: `exlude` is most
// likely an `exclude` that would otherwise be dropped, sending the files it meant to keep out.
function unknownKey(key: string, known: string[], prefix: string): ConfigProblem {
  const shown = `${prefix}${quoteKey(key)}`;
  const suggestion = suggestKey(key, known);
  if (suggestion === undefined) return { key: shown, message: `\`${shown}\` is not a key (keys: ${known.join(", ")})`, outcome: "ignored" };
  const meant = `${prefix}${suggestion}`;
  const outcome = isSection(meant) ? sectionOutcome(meant) : ON_INVALID[meant as ConfigKey];
  return { key: shown, message: `\`${shown}\` is not a key; did you mean \`${meant}\`?`, outcome: outcome === "stop" ? "stop" : "ignored" };
}

function sectionOutcome(section: Section): OnInvalid {
  return Object.keys(CONFIG_SECTIONS[section]).some((field) => ON_INVALID[`${section}.${field}` as ConfigKey] === "stop") ? "stop" : "default";
}

function isSection(key: string): key is Section {
  return Object.hasOwn(CONFIG_SECTIONS, key);
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function formatPath(path: PropertyKey[]): string {
  return path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("");
}

// The key is the repository's own text: kept short, and without what would break the code span.
function quoteKey(key: string): string {
  const plain = key.replace(/[`\p{Cc}]/gu, "");
  return plain.length > QUOTED_KEY_CHARS ? `${plain.slice(0, QUOTED_KEY_CHARS)}…` : plain;
}
