import { describe, expect, it } from "@jest/globals";
import { combineRedactions } from "../../../src/core/redact/build-redaction.js";
import { containsRedactedSecret, scrubRedactedSecrets } from "../../../src/core/redact/check-redacted-secrets.js";
import { redactSecrets } from "../../../src/core/redact/redact-secrets.js";
import { makeSecretCases } from "../../fixtures/secrets/make-secret-cases.js";

const cases = new Map(makeSecretCases().map((secretCase) => [secretCase.name, secretCase]));
const byName = (name: string) => cases.get(name)!;

describe("containsRedactedSecret and scrubRedactedSecrets", () => {
  it("catch a redacted value the model's text puts back, and replace it with the typed placeholder", async () => {
    const token = byName("GitHub OAuth token");
    const redaction = await redactSecrets([{ id: "file:a.py", text: token.text }]);
    const comment = `Do not hard-code \`${token.secrets[0]}\`; read it from the environment.`;

    expect(containsRedactedSecret(comment, redaction)).toBe(true);
    expect(scrubRedactedSecrets(comment, redaction)).toBe("Do not hard-code `[REDACTED:github-token]`; read it from the environment.");
    expect(containsRedactedSecret("Read the token from the environment.", redaction)).toBe(false);
    expect(scrubRedactedSecrets("Read the token from the environment.", redaction)).toBe("Read the token from the environment.");
  });

  it("catch a single line quoted from a redacted PEM block, raw or from a JSON string", async () => {
    const pem = byName("RSA private key PEM");
    const gcp = byName("GCP service-account JSON");
    const redaction = await redactSecrets([
      { id: "file:key.ts", text: pem.text },
      { id: "file:sa.json", text: gcp.text, path: gcp.path },
    ]);
    const quoted = `The key starts with ${pem.secrets[1]} and the JSON one with ${gcp.secrets[2]}`;

    expect(containsRedactedSecret(quoted, redaction)).toBe(true);
    expect(scrubRedactedSecrets(quoted, redaction)).toBe("The key starts with [REDACTED:private-key] and the JSON one with [REDACTED:gcp-service-account-key]");
    // The armour lines are not secret: a comment naming the key type is fine.
    expect(containsRedactedSecret("-----BEGIN RSA PRIVATE KEY-----", redaction)).toBe(false);
  });

  it("leave out values under 8 characters, which would match ordinary words", async () => {
    const redaction = await redactSecrets([{ id: "a", text: "DATABASE_URL=postgres://app:Zx9q@db.internal/app" }]);

    expect(redaction.counts).toEqual({ "database-password": 1 });
    expect(redaction.secrets.size).toBe(0);
    expect(containsRedactedSecret("Zx9q", redaction)).toBe(false);
  });

  it("work on a combination of redactions, with counts added up", async () => {
    const first = await redactSecrets([{ id: "title", text: byName("Slack bot token").text }]);
    const second = await redactSecrets([{ id: "body", text: `${byName("Google API key").text}\n${byName("Slack user token").text}` }]);
    const combined = combineRedactions(first, second);
    const text = `${byName("Slack bot token").secrets[0]} / ${byName("Google API key").secrets[0]}`;

    expect(combined.counts).toEqual({ "google-api-key": 1, "slack-token": 2 });
    expect(combined.total).toBe(3);
    expect(scrubRedactedSecrets(text, combined)).toBe("[REDACTED:slack-token] / [REDACTED:google-api-key]");
    expect(JSON.stringify(combined)).toBe('{"counts":{"google-api-key":1,"slack-token":2},"total":3,"secrets":{"redactedValues":3}}');
  });
});
