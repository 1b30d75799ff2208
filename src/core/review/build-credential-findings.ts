import type { AddedLineSecret } from "../redact/redact-patches.js";
import type { Finding } from "../types.js";

/** A credential added by the pull request is a finding of its own: where and what type, never the value. */
export function buildCredentialFindings(secrets: readonly AddedLineSecret[]): Finding[] {
  return secrets.map((secret) => ({
    path: secret.path,
    line: secret.line,
    startLine: null,
    side: "RIGHT",
    severity: "critical",
    category: "security",
    title: `A credential was committed (${secret.type})`,
    body:
      `This line adds what looks like a ${secret.type}. It was redacted before anything was sent to the model. ` +
      "Revoke it, remove it from the branch's history, and load it from a secret store or the environment instead.",
    suggestion: null,
  }));
}
