import { describe, expect, it } from "@jest/globals";
import { sign } from "@octokit/webhooks-methods";
import { verifySignature } from "../../src/app/verify-signature.js";

// Checked against Octokit's own signing, which computes what GitHub sends.

const BODY = JSON.stringify({ action: "opened", title: "Füße ✓" });
const bytes = Buffer.from(BODY);
// Split inside the multi-byte characters too: the signature covers bytes, not text.
const chunks = [bytes.subarray(0, 27), bytes.subarray(27, 30), bytes.subarray(30)];

describe("verifySignature", () => {
  it("accepts GitHub's signature of the body however it arrived in chunks", async () => {
    const signature = await sign("the-secret", BODY);

    expect([verifySignature("the-secret", [bytes], signature), verifySignature("the-secret", chunks, signature)]).toEqual([true, true]);
  });

  it.each([
    ["made with another secret", async () => sign("another-secret", BODY)],
    ["of another body", async () => sign("the-secret", `${BODY} `)],
    ["cut short", async () => (await sign("the-secret", BODY)).slice(0, -1)],
    ["in capitals", async () => `sha256=${(await sign("the-secret", BODY)).slice(7).toUpperCase()}`],
  ])("refuses a signature %s", async (_case, signature) => {
    expect(verifySignature("the-secret", chunks, await signature())).toBe(false);
  });
});
