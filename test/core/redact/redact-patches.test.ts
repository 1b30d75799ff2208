import { describe, expect, it } from "@jest/globals";
import { parsePatch } from "../../../src/core/diff/parse-patch.js";
import { numberHunks } from "../../../src/core/diff/number-hunks.js";
import { containsRedactedSecret } from "../../../src/core/redact/check-redacted-secrets.js";
import { redactPatches } from "../../../src/core/redact/redact-patches.js";
import type { FilePatch } from "../../../src/core/types.js";
import { createRandom, makeSecretCases } from "../../fixtures/secrets/make-secret-cases.js";

const random = createRandom(11);
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const ghp = "gh" + "p_" + random(ALNUM, 36);
const oldGhp = "gh" + "p_" + random(ALNUM, 36);
const slack = "xo" + "xb-" + random("0123456789", 12) + "-" + random("0123456789", 13) + "-" + random(ALNUM, 24);
const npm = "np" + "m_" + random(ALNUM, 36);
const pemBody = ("MIIEpA" + random(`${ALNUM}+/`, 1194)).match(/.{1,64}/g)!;

/** A one-hunk patch from its diff lines ("+", "-" or " " first); the header counts are worked out. */
function patch(path: string, lines: string[], { start = 1, section = "" } = {}): FilePatch {
  const oldCount = lines.filter((line) => !line.startsWith("+")).length;
  const newCount = lines.filter((line) => !line.startsWith("-")).length;
  const header = `@@ -${oldCount === 0 ? 0 : start},${oldCount} +${start},${newCount} @@${section ? ` ${section}` : ""}`;
  return parsePatch({ path, status: "modified", additions: 0, deletions: 0, patch: [header, ...lines].join("\n") });
}

describe("redactPatches", () => {
  it("redacts added, deleted and unchanged lines, and names the added ones as committed credentials", async () => {
    const file = patch("src/config.ts", [`   slackToken: "${slack}",`, `-  githubToken: "${oldGhp}",`, `+  githubToken: "${ghp}",`, "   retries: 3,"], {
      start: 10,
      section: "export const config = {",
    });

    const result = await redactPatches([file]);

    expect(numberHunks(result.patches[0]!)).toBe(
      [
        "@@ -10,3 +10,3 @@ export const config = {",
        'R10     slackToken: "[REDACTED:slack-token]",',
        'L11 -   githubToken: "[REDACTED:github-token]",',
        'R11 +   githubToken: "[REDACTED:github-token]",',
        "R12     retries: 3,",
      ].join("\n"),
    );
    expect(result.addedLineSecrets).toEqual([{ path: "src/config.ts", line: 11, type: "github-token" }]);
    expect(result.findings).toEqual([
      { path: "src/config.ts", type: "slack-token", kind: "context", line: 10 },
      { path: "src/config.ts", type: "github-token", kind: "del", line: 11 },
      { path: "src/config.ts", type: "github-token", kind: "add", line: 11 },
    ]);
    // The unchanged line is scanned from both sides of the diff but is one secret.
    expect(result.counts).toEqual({ "github-token": 2, "slack-token": 1 });
    expect(result.total).toBe(3);
  });

  it("redacts every diff line of an added PEM block and reports it once, at its first line", async () => {
    const file = patch("deploy/key.ts", [
      " // deploy key",
      "+export const key = `-----BEGIN RSA PRIVATE KEY-----",
      ...pemBody.map((line) => `+${line}`),
      "+-----END RSA PRIVATE KEY-----`;",
      "+",
      " export default key;",
    ]);

    const result = await redactPatches([file]);
    const lines = result.patches[0]!.hunks[0]!.lines;

    expect(lines.map((line) => line.content)).toEqual([
      "// deploy key",
      "export const key = `[REDACTED:private-key]",
      ...pemBody.map(() => "[REDACTED:private-key]"),
      "[REDACTED:private-key]`;",
      "",
      "export default key;",
    ]);
    expect(lines.map(({ kind, oldLine, newLine }) => ({ kind, oldLine, newLine }))).toEqual(file.hunks[0]!.lines.map(({ kind, oldLine, newLine }) => ({ kind, oldLine, newLine })));
    expect(result.addedLineSecrets).toEqual([{ path: "deploy/key.ts", line: 2, type: "private-key" }]);
    expect(result.counts).toEqual({ "private-key": 1 });
  });

  it("finds a key block whose lines are partly unchanged, and marks it added at its first added line", async () => {
    const file = patch("certs/server.key", [
      " -----BEGIN PRIVATE KEY-----",
      ...pemBody.slice(0, 3).map((line) => ` ${line}`),
      `-${pemBody[3]}`,
      `+${pemBody[4]}`,
      ...pemBody.slice(5).map((line) => ` ${line}`),
      " -----END PRIVATE KEY-----",
    ]);

    const result = await redactPatches([file]);

    expect(result.patches[0]!.hunks[0]!.lines.every((line) => line.content === "[REDACTED:private-key]")).toBe(true);
    // The old and the new version of the block differ in one line: two keys, one of them added.
    expect(result.findings.map(({ kind, line }) => [kind, line])).toEqual([
      ["context", 1],
      ["context", 1],
    ]);
    expect(result.addedLineSecrets).toEqual([{ path: "certs/server.key", line: 5, type: "private-key" }]);
    expect(result.counts).toEqual({ "private-key": 2 });
    expect([pemBody[3]!, pemBody[4]!].map((line) => containsRedactedSecret(`see ${line}`, result))).toEqual([true, true]);
  });

  it("names an added service-account key file by its type, on the line of its private_key", async () => {
    const serviceAccount = makeSecretCases().find((secretCase) => secretCase.type === "gcp-service-account-key")!;
    const lines = serviceAccount.text.split("\n");
    const file = { ...patch(serviceAccount.path!, lines.map((line) => `+${line}`)), status: "added" as const };

    const result = await redactPatches([file]);

    const keyLine = lines.findIndex((line) => line.includes('"private_key"')) + 1;
    expect(result.addedLineSecrets).toEqual([{ path: "deploy/service-account.json", line: keyLine, type: "gcp-service-account-key" }]);
    expect(result.patches[0]!.hunks[0]!.lines[keyLine - 1]!.content).toBe('  "private_key": "[REDACTED:gcp-service-account-key]",');
  });

  it("redacts the code line a hunk header shows", async () => {
    const file = patch("src/client.ts", ["-  retries: 1,", "+  retries: 2,"], { start: 20, section: `const client = new Client("${npm}");` });

    const result = await redactPatches([file]);

    expect(result.patches[0]!.hunks[0]!.header).toBe('@@ -20,1 +20,1 @@ const client = new Client("[REDACTED:npm-token]");');
    expect(result.findings).toEqual([{ path: "src/client.ts", type: "npm-token", kind: "header", line: null }]);
    expect(result.addedLineSecrets).toEqual([]);
  });

  it("returns files without secrets as they were, in their order", async () => {
    const clean = patch("README.md", ["-# App", "+# The app"]);
    const secret = patch(".env.example", [`+SENTRY_AUTH_TOKEN=${random(ALNUM, 30)}`]);

    const result = await redactPatches([clean, secret]);

    expect(result.patches[0]).toBe(clean);
    expect(result.patches.map((entry) => entry.path)).toEqual(["README.md", ".env.example"]);
    expect(result.patches[1]!.hunks[0]!.lines[0]!.content).toBe("SENTRY_AUTH_TOKEN=[REDACTED:generic-secret]");
    expect(result.addedLineSecrets).toEqual([{ path: ".env.example", line: 1, type: "generic-secret" }]);
  });
});
