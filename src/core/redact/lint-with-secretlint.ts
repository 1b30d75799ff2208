import { lintSource } from "@secretlint/core";
import { secretLintProfiler } from "@secretlint/profiler";
import { rules } from "@secretlint/secretlint-rule-preset-recommend";
import type { SecretLintCoreConfig, SecretLintCoreResultMessage } from "@secretlint/types";
import type { SecretSpan } from "./secret-span.js";

// secretlint's profiler keeps every lintSource call's ~60 performance marks in a process-wide list
// and in Node's performance timeline, and never drops them: about 19 KB per call, for ever, in a
// long-running App (measured; see bench/sections/redaction.ts). Patchwise never reads the profile.
secretLintProfiler.mark = () => undefined;

const RULE_PREFIX = "@secretlint/secretlint-rule-";

// Rules run one by one, not through the preset: a preset ignores `disabled` on its rules, and the
// comment filter must go, or a `secretlint-disable` comment in a pull request would let a key through.
// The AWS access key id scan is off by default; the account id is not a credential.
const RULE_SETTINGS: Record<string, { options?: object; allowMessageIds?: string[] }> = {
  [`${RULE_PREFIX}aws`]: { options: { enableIDScanRule: true }, allowMessageIds: ["AWSAccountID"] },
};
const CONFIG: SecretLintCoreConfig = {
  rules: rules
    .filter((rule) => rule.meta.id !== `${RULE_PREFIX}filter-comments`)
    .map((rule) => ({ id: rule.meta.id, rule, ...RULE_SETTINGS[rule.meta.id] })),
};

type Locate = "value" | "url-password" | "json-private-key";

/** secretlint message ids -> Patchwise's placeholder types, and how to find the part to hide. */
const MESSAGE_TYPES: Record<string, { type: string; locate: Locate }> = {
  AWSAccessKeyID: { type: "aws-access-key", locate: "value" },
  AWSSecretAccessKey: { type: "aws-secret-key", locate: "value" },
  PrivateKey: { type: "private-key", locate: "value" },
  PrivateKeyJSON: { type: "gcp-service-account-key", locate: "json-private-key" },
  GITHUB_TOKEN: { type: "github-token", locate: "value" },
  PackageJSON_xOauthToken: { type: "github-token", locate: "value" },
  NPM_ACCESS_TOKEN: { type: "npm-token", locate: "value" },
  Npmrc_authToken: { type: "npm-token", locate: "value" },
  SLACK_TOKEN: { type: "slack-token", locate: "value" },
  IncomingWebhook: { type: "slack-webhook", locate: "value" },
  OPENAI_TOKEN: { type: "openai-api-key", locate: "value" },
  ANTHROPIC_API_KEY: { type: "anthropic-api-key", locate: "value" },
  SENDGRID_KEY: { type: "sendgrid-api-key", locate: "value" },
  SHOPIFY_KEY: { type: "shopify-token", locate: "value" },
  LINEAR_API_TOKEN: { type: "linear-api-key", locate: "value" },
  OPS_TOKEN: { type: "1password-token", locate: "value" },
  BasicAuth: { type: "url-password", locate: "url-password" },
  PostgreSQLConnection: { type: "database-password", locate: "url-password" },
  MySQLConnection: { type: "database-password", locate: "url-password" },
  MongoDBConnection: { type: "database-password", locate: "url-password" },
};
const VALUE_KEYS = ["KEY", "TOKEN", "ID", "URL", "URI", "CREDENTIAL"] as const;
const URL_PASSWORD = /^[\w+.-]+:\/\/(?<user>[^\s:/@]*):(?<secret>[^\s@/]+)@/d;
const JSON_PRIVATE_KEY = /"private_key"\s*:\s*"(?<secret>(?:[^"\\]|\\.)*)"/d;

/**
 * Runs secretlint's recommended rules over one text (one call per file: each call has a fixed
 * set-up cost). `path` lets the file-type rules (.npmrc, package.json, service-account .json) apply.
 */
export async function lintWithSecretlint(text: string, path?: string): Promise<SecretSpan[]> {
  const result = await lintSource({
    // ".p12" is never passed on: that rule would read the file from the disk.
    source: { content: text, filePath: path ?? "text", ext: path?.endsWith(".json") ? ".json" : "", contentType: "text" },
    options: { config: CONFIG, noPhysicFilePath: true },
  });
  // secretlint drops a leading BOM before it counts offsets.
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return result.messages.flatMap((message) => locate(text, message, shift) ?? []);
}

// secretlint's ranges are not always the secret: for some rules the range starts at the name
// (`aws_secret_access_key = ...`, `_authToken=...`) and has the length of the value, which would
// leave the value's tail in the text. The value itself travels in the message data, so it is
// searched for from the start of the range.
function locate(text: string, message: SecretLintCoreResultMessage, shift: number): SecretSpan | null {
  const known = MESSAGE_TYPES[message.messageId];
  const type = known?.type ?? message.ruleId.replace(RULE_PREFIX, "");
  const from = message.range[0] + shift;
  const to = message.range[1] + shift;
  if (known?.locate === "json-private-key") return inner(text, from, to, JSON_PRIVATE_KEY, type) ?? { start: from, end: to, type };
  const data = (message.data ?? {}) as Record<string, unknown>;
  const value = VALUE_KEYS.map((key) => data[key]).find((candidate): candidate is string => typeof candidate === "string" && candidate !== "");
  const start = value === undefined ? -1 : text.indexOf(value, from);
  const span = start === -1 ? { start: from, end: to, type } : { start, end: start + value!.length, type };
  if (known?.locate !== "url-password") return span;
  const password = URL_PASSWORD.exec(text.slice(span.start, span.end));
  if (!password?.indices?.groups?.secret) return span;
  if (password.groups?.user === password.groups?.secret) return null; // postgres:postgres@, a local default
  const [start0, end0] = password.indices.groups.secret;
  return { start: span.start + start0, end: span.start + end0, type };
}

function inner(text: string, from: number, to: number, pattern: RegExp, type: string): SecretSpan | null {
  const match = pattern.exec(text.slice(from, to));
  const indices = match?.indices?.groups?.secret;
  return indices ? { start: from + indices[0], end: from + indices[1], type } : null;
}
