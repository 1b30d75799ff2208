import { looksLikeSecretValue } from "./looks-like-secret-value.js";
import type { SecretSpan } from "./secret-span.js";

// On one line: name, optional closing quote, optional type annotation (`token: str =`), an assignment operator,
// then a quoted value (groups 2-4) or a bare one (group 5) that ends the statement.
const ASSIGNMENT =
  /(?<![\w$.-])([A-Za-z_$@-][\w$.@-]{0,80})["']?[ \t]*(?::[ \t]*[A-Za-z_][\w.[\]|]*[ \t]*(?==))?(?:=>|:=|=|:)[ \t]*(?:"([^"\n]{1,1000})"|'([^'\n]{1,1000})'|`([^`\n]{1,1000})`|([^\s"'`,;()[\]{}<>=][^\s"'`,;()[\]{}<>]{0,999})(?=[\s,;)}\]]|$))/dgm;

// The last word of the name decides; `key` counts only with a word that makes it a credential.
const PASSWORD_WORD = /(?:password|passwd|passphrase)$|^pass$/;
const SECRET_WORD = /(?:secret|token|apikey|credentials?)$|^auth$/;
const KEY_QUALIFIERS = new Set(["api", "secret", "private", "access", "auth", "signing", "encryption", "master", "client", "app", "license"]);

/**
 * Values assigned to secret-sounding names (`password = "..."`, `secret: '...'`, `TOKEN=...`,
 * `"api_key": "..."`) that look random enough to be real; typed `password` or `generic-secret`.
 */
export function detectGenericAssignments(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (const match of text.matchAll(ASSIGNMENT)) {
    const type = secretKindOfName(match[1] ?? "");
    if (type === null) continue;
    const indices = [2, 3, 4, 5].map((group) => match.indices?.[group]).find((found) => found !== undefined);
    if (!indices || !looksLikeSecretValue(text.slice(indices[0], indices[1]), { password: type === "password" })) continue;
    spans.push({ start: indices[0], end: indices[1], type, generic: true });
  }
  return spans;
}

function secretKindOfName(name: string): "password" | "generic-secret" | null {
  const words = name
    .split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/)
    .filter((word) => word !== "")
    .map((word) => word.toLowerCase());
  const last = words.at(-1) ?? "";
  if (PASSWORD_WORD.test(last)) return "password";
  if (SECRET_WORD.test(last) || (last === "key" && KEY_QUALIFIERS.has(words.at(-2) ?? ""))) return "generic-secret";
  return null;
}
