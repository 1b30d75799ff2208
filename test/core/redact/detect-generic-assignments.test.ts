import { describe, expect, it } from "@jest/globals";
import { redactSecrets } from "../../../src/core/redact/redact-secrets.js";
import { createRandom } from "../../fixtures/secrets/make-secret-cases.js";

const random = createRandom(5);
const key = random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 24);
const password = `${random("abcdefghijklmnopqrstuvwxyz", 6)}${random("0123456789", 3)}!${random("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 3)}`;

async function redact(text: string): Promise<string> {
  return (await redactSecrets([{ id: "file:x", text }])).texts[0]!.text;
}

describe("high-entropy values of secret-sounding names", () => {
  it.each([
    ["Python", `password = "${password}"`, 'password = "[REDACTED:password]"'],
    ["JavaScript object", `  clientSecret: '${key}',`, "  clientSecret: '[REDACTED:generic-secret]',"],
    ["template literal", `const apiKey = \`${key}\`;`, "const apiKey = `[REDACTED:generic-secret]`;"],
    ["JSON", `"api_key": "${key}"`, '"api_key": "[REDACTED:generic-secret]"'],
    [".env, bare", `STRIPE_WEBHOOK_SECRET=${key}`, "STRIPE_WEBHOOK_SECRET=[REDACTED:generic-secret]"],
    ["YAML, bare", `  token: ${key}  # rotate monthly`, "  token: [REDACTED:generic-secret]  # rotate monthly"],
    ["Go", `	signingKey := "${key}"`, '	signingKey := "[REDACTED:generic-secret]"'],
    ["Ruby hash", `:auth_token => "${key}"`, ':auth_token => "[REDACTED:generic-secret]"'],
    ["Python keyword argument", `connect(user="app", passwd="${password}")`, 'connect(user="app", passwd="[REDACTED:password]")'],
    ["type-annotated", `DB_PASSWORD: str = "${password}"`, 'DB_PASSWORD: str = "[REDACTED:password]"'],
    ["CLI flag", `mysql --password=${password} -h db`, "mysql --password=[REDACTED:password] -h db"],
    ["header", `X-Api-Key: ${key}`, "X-Api-Key: [REDACTED:generic-secret]"],
    ["a password people would choose", 'password: "letmein42"', 'password: "[REDACTED:password]"'],
  ])("redacts the value in %s", async (_syntax, text, expected) => {
    expect(await redact(text)).toBe(expected);
  });

  it("names a known key format after Bearer by its format", async () => {
    const jwt = ["eyJhbGciOiJIUzI1NiJ9", "eyJzdWIiOiI0MiJ9", random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 43)].join(".");
    expect(await redact(`Authorization: Bearer ${jwt}`)).toBe("Authorization: Bearer [REDACTED:jwt]");
  });

  it.each([
    ["a name that only contains a keyword", `const tokenizer = "${key}";`],
    ["a count", "max_tokens = 4096"],
    ["a word", 'token_type = "bearer_token"'],
    ["a label with spaces", 'passwordLabel: "Enter the password"'],
    ["a code reference", "const secret = this.#options.webhookSecret;"],
    ["a call", "token = createToken(user, scope)"],
    ["a type", "  auth: OAuthAppAuthOptions | GitHubAppAuthOptions;"],
    ["a URL", 'token_url = "https://oauth2.googleapis.com/token"'],
    ["a placeholder", 'SECRET_KEY = "replace-me-in-production"'],
    ["a short value", 'password = "hunter2"'],
    ["a token named like a test value", 'auth_token: "user-token-42"'],
  ])("leaves %s alone", async (_what, text) => {
    expect(await redact(text)).toBe(text);
  });
});
