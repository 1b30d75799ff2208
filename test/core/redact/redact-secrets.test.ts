import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inspect } from "node:util";
import { redactSecrets } from "../../../src/core/redact/redact-secrets.js";
import { createRandom, makeSecretCases } from "../../fixtures/secrets/make-secret-cases.js";

const cases = makeSecretCases();
const lookalikes = readFileSync(join(process.cwd(), "test/fixtures/secrets/lookalikes.txt"), "utf8");
const random = createRandom(7);
const ghp = "gh" + "p_" + random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 36);

describe("redactSecrets", () => {
  it.each(cases.map((secretCase) => [secretCase.name, secretCase] as const))("redacts %s as its type, keeping every line", async (_name, secretCase) => {
    const result = await redactSecrets([{ id: "file:x", text: secretCase.text, path: secretCase.path }]);
    const text = result.texts[0]!.text;

    for (const secret of secretCase.secrets) expect(text).not.toContain(secret);
    expect(text).toContain(`[REDACTED:${secretCase.type}]`);
    expect(result.findings.map((finding) => finding.type)).toEqual([secretCase.type]);
    expect(text.split("\n")).toHaveLength(secretCase.text.split("\n").length);
  });

  it("replaces only the secret with a typed placeholder and reports where it was, 1-based", async () => {
    const result = await redactSecrets([
      { id: "title", text: "Fix the login flow" },
      { id: "body", text: `Steps:\n1. export GITHUB_TOKEN=${ghp}\n2. run npm test` },
    ]);

    expect(result.texts).toEqual([
      { id: "title", text: "Fix the login flow" },
      { id: "body", text: "Steps:\n1. export GITHUB_TOKEN=[REDACTED:github-token]\n2. run npm test" },
    ]);
    expect(result.findings).toEqual([{ id: "body", type: "github-token", line: 2, column: 24 }]);
    expect(result.counts).toEqual({ "github-token": 1 });
    expect(result.total).toBe(1);
  });

  it("counts by type over all inputs, findings in input order", async () => {
    const byName = new Map(cases.map((secretCase) => [secretCase.name, secretCase]));
    const pick = (name: string) => byName.get(name)!;
    const result = await redactSecrets([
      { id: "a", text: `${pick("password assignment").text}\n${pick("GitHub OAuth token").text}` },
      { id: "b", text: pick("RSA private key PEM").text },
      { id: "c", text: `${pick("GitHub classic token in prose").text} and ${pick("Redis URL").text}` },
    ]);

    expect(result.counts).toEqual({ "database-password": 1, "github-token": 2, password: 1, "private-key": 1 });
    expect(Object.keys(result.counts)).toEqual(["database-password", "github-token", "password", "private-key"]);
    expect(result.total).toBe(5);
    expect(result.findings.map(({ id, type, line }) => [id, type, line])).toEqual([
      ["a", "password", 1],
      ["a", "github-token", 2],
      ["b", "private-key", 1],
      ["c", "github-token", 1],
      ["c", "database-password", 1],
    ]);
  });

  it("redacts each line of a multi-line PEM block and reports the block once", async () => {
    const pem = cases.find((secretCase) => secretCase.name === "RSA private key PEM")!;
    const text = `// signing key\n${pem.text}\nexport default key;`;
    const result = await redactSecrets([{ id: "file:src/key.ts", text }]);
    const lines = result.texts[0]!.text.split("\n");

    expect(lines).toHaveLength(text.split("\n").length);
    expect(lines[0]).toBe("// signing key");
    expect(lines[1]).toBe("const key = `[REDACTED:private-key]");
    expect(lines.slice(2, -2).every((line) => line === "[REDACTED:private-key]")).toBe(true);
    expect(lines.at(-2)).toBe("[REDACTED:private-key]`;");
    expect(lines.at(-1)).toBe("export default key;");
    expect(result.findings).toEqual([{ id: "file:src/key.ts", type: "private-key", line: 2, column: 14 }]);
  });

  it("leaves every look-alike untouched: UUIDs, shas, data URIs, integrity hashes, placeholders, env references", async () => {
    const result = await redactSecrets([{ id: "file:lookalikes.txt", text: lookalikes }]);

    expect(result.findings).toEqual([]);
    expect(result.texts[0]!.text).toBe(lookalikes);
  });

  it("ignores secretlint-disable comments: a pull request cannot switch redaction off", async () => {
    const text = `// secretlint-disable\nconst token = "${ghp}"; // secretlint-disable-line`;
    const result = await redactSecrets([{ id: "file:a.ts", text }]);

    expect(result.texts[0]!.text).toBe('// secretlint-disable\nconst token = "[REDACTED:github-token]"; // secretlint-disable-line');
  });

  it("hides the whole value where secretlint's own range stops short of it", async () => {
    // secretlint reports these from the start of the name with the length of the value.
    const awsSecret = random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+", 40);
    const npmToken = random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40);
    const result = await redactSecrets([
      { id: "a", text: `AWS_SECRET_ACCESS_KEY: ${awsSecret}` },
      { id: "b", text: `//npm.acme.net/:_authToken=${npmToken}`, path: ".npmrc" },
    ]);

    expect(result.texts.map((entry) => entry.text)).toEqual(["AWS_SECRET_ACCESS_KEY: [REDACTED:aws-secret-key]", "//npm.acme.net/:_authToken=[REDACTED:npm-token]"]);
  });

  it("hides only the password of a database URL, keeping user, host and database for the reviewer", async () => {
    const result = await redactSecrets([{ id: "a", text: "url = postgres://orders:Zq81kLm2Pw0x@db.internal:5432/orders?sslmode=require" }]);

    expect(result.texts[0]!.text).toBe("url = postgres://orders:[REDACTED:database-password]@db.internal:5432/orders?sslmode=require");
  });

  it("never shows a value in findings, counts, JSON or inspect output of the result", async () => {
    const result = await redactSecrets(cases.map((secretCase, index) => ({ id: `case:${index}`, text: secretCase.text, path: secretCase.path })));
    const shown = [JSON.stringify(result), inspect(result, { depth: 10 }), JSON.stringify(result.findings), inspect(result.secrets)].join("\n");

    expect(result.total).toBe(cases.length);
    for (const secret of cases.flatMap((secretCase) => secretCase.secrets)) expect(shown).not.toContain(secret);
    expect(JSON.stringify(result.secrets)).toMatch(/^\{"redactedValues":\d+\}$/);
  });

  it("gives the same output for the same input", async () => {
    const inputs = cases.map((secretCase, index) => ({ id: `case:${index}`, text: secretCase.text, path: secretCase.path }));
    const [first, second] = [await redactSecrets(inputs), await redactSecrets([...inputs])];

    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(second.findings).toEqual(first.findings);
  });
});
