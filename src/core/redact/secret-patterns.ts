import { looksLikeSecretValue } from "./looks-like-secret-value.js";
import type { SecretSpan } from "./secret-span.js";

/** A key format secretlint's recommended preset does not know; `secret` (named group) marks what to hide, else the whole match. */
interface SecretPattern {
  type: string;
  pattern: RegExp;
  /** Extra check on the hidden value, for formats whose prefix alone is not proof. */
  accept?: (value: string) => boolean;
  /** A guess from context rather than a key format: a known format found at the same place names it. */
  generic?: boolean;
}

// The one table of Patchwise's own formats. Each pattern is global with indices (`dg`) and has
// its own boundaries, so a key never matches inside a longer base64 or hex run.
const SECRET_PATTERNS: readonly SecretPattern[] = [
  { type: "gitlab-token", pattern: /(?<![\w-])gl(?:pat|dt|ptt|rt|soat|cbt)-[\w-]{20,}(?:\.[\w-]+){0,3}/dg },
  { type: "stripe-key", pattern: /(?<![\w-])(?:sk|rk)_live_[A-Za-z0-9]{20,247}(?![A-Za-z0-9])/dg },
  // The preset needs the "T3BlbkFJ" marker; project, service-account and admin keys are known by their prefix alone.
  { type: "openai-api-key", pattern: /(?<![\w-])sk-(?:(?:proj|svcacct|admin)-[\w-]{40,}|[A-Za-z0-9]{48}(?![\w-]))/dg },
  // The preset knows sk-ant-api0N- keys; admin and OAuth keys share the sk-ant- prefix.
  { type: "anthropic-api-key", pattern: /(?<![\w-])sk-ant-[a-z]{3,6}\d{2}-[\w-]{80,}/dg },
  { type: "google-api-key", pattern: /(?<![\w-])AIza[\w-]{35}(?![\w-])/dg },
  { type: "jwt", pattern: /(?<![\w-])eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{16,}(?![\w-])/dg },
  // The preset reads postgres, mysql and mongodb URLs; these schemes carry passwords the same way.
  {
    type: "database-password",
    pattern: /(?<![\w+.-])(?:rediss?|amqps?|mssql|sqlserver|clickhouse|cockroachdb|neo4j(?:\+s)?):\/\/(?<user>[^\s:/@]{0,100}):(?<secret>[^\s@/]{4,200})@/dg,
  },
  { type: "bearer-token", pattern: /\b[Bb]earer[ \t]+(?<secret>[\w.~+/-]{16,}=*)/dg, accept: looksLikeSecretValue, generic: true },
  // The preset reads only unencrypted PKCS#1/#8, EC and OpenSSH bodies.
  {
    type: "private-key",
    pattern: /-----BEGIN (?:ENCRYPTED |PGP )PRIVATE KEY(?: BLOCK)?-----[\s\S]{64,12000}?-----END (?:ENCRYPTED |PGP )PRIVATE KEY(?: BLOCK)?-----/dg,
    accept: (block) => !/\.\.\.|example|<[^<>]{1,60}>/i.test(block),
  },
];

/** Every match of the table in `text`. */
export function matchSecretPatterns(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (const { type, pattern, accept, generic } of SECRET_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const [start, end] = match.indices?.groups?.secret ?? match.indices?.[0] ?? [0, 0];
      const value = text.slice(start, end);
      if (match.groups?.user !== undefined && match.groups.user === value) continue; // postgres:postgres@, a local default
      if (accept && !accept(value)) continue;
      spans.push({ start, end, type, ...(generic ? { generic } : {}) });
    }
  }
  return spans;
}
