import { afterEach, describe, expect, it } from "@jest/globals";
import type { WebhookDelivery } from "../../src/app/create-patchwise-app.js";
import { serveHandlers, type ServingHandlers } from "../../src/app/serve-handlers.js";
import { createWebhookEndpoint, WEBHOOK_PATH, type WebhookEndpointOptions } from "../../src/app/webhook-endpoint.js";
import { WebhookPayloadError } from "../../src/app/webhook-payload-error.js";
import { createRecordingLogger } from "../helpers/silent-logger.js";
import { waitFor } from "../helpers/wait-for.js";
import { signedWebhookHeaders } from "../helpers/sign-webhook.js";
import { rawPost, startPost, type RawAnswer } from "./raw-http-post.js";

// The webhook endpoint on a real loopback server: what GitHub gets back, and what reaches the App.
// Read deadlines are fired by the test, not a clock.

const SECRET = "endpoint-secret";
let serving: ServingHandlers | undefined;
afterEach(async () => {
  await serving?.close();
  serving = undefined;
});

const MAX_BYTES = 100_000;
const BUDGET_BYTES = 10_000;

async function endpoint(receive: (delivery: WebhookDelivery) => Promise<void> = async () => undefined, options: Partial<WebhookEndpointOptions> = {}) {
  const received: WebhookDelivery[] = [];
  const answered: Array<{ status: number; seconds: number }> = [];
  /** One per body whose reading started: firing it passes that body's deadline. */
  const deadlines: Array<() => void> = [];
  const log = createRecordingLogger();
  const handler = createWebhookEndpoint({
    secret: SECRET,
    maxBytes: MAX_BYTES,
    budgetBytes: BUDGET_BYTES,
    startDeadline: (expired) => (deadlines.push(expired), () => undefined),
    log,
    receive: async (delivery) => (received.push(delivery), receive(delivery)),
    onAnswered: (status, seconds) => answered.push({ status, seconds }),
    ...options,
  });
  serving = await serveHandlers([handler], { host: "127.0.0.1", port: 0 }, log);
  const { port } = serving;
  const url = `http://127.0.0.1:${port}${WEBHOOK_PATH}`;
  return { url, port, received, answered, deadlines, log };
}

// What GitHub sends, with a signature that is well-formed but not made with the secret.
const UNSIGNED = { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": "flood", "x-hub-signature-256": `sha256=${"0".repeat(64)}` };

async function deliver(url: string, body: string, headers: Record<string, string>) {
  const response = await fetch(url, { method: "POST", headers, body });
  return { status: response.status, text: await response.text() };
}

describe("createWebhookEndpoint", () => {
  it("hands a signed delivery to the App with its id, event and parsed body, then answers 200", async () => {
    const { url, received } = await endpoint();
    const body = JSON.stringify({ action: "opened", number: 7 });

    const answer = await deliver(url, body, await signedWebhookHeaders(SECRET, "pull_request", body, "d-1"));

    expect(answer).toEqual({ status: 200, text: "ok\n" });
    expect(received).toEqual([{ id: "d-1", name: "pull_request", payload: { action: "opened", number: 7 } }]);
  });

  it("times every answer with its status, refusals included, for the metrics", async () => {
    const { url, answered } = await endpoint();
    const body = JSON.stringify({ action: "opened" });
    const roundTrips: number[] = [];
    for (const [secret, id] of [[SECRET, "d-t1"], ["another-secret", "d-t2"]] as const) {
      const headers = await signedWebhookHeaders(secret, "pull_request", body, id);
      const sent = performance.now();
      await deliver(url, body, headers);
      roundTrips.push((performance.now() - sent) / 1000);
    }

    expect(answered.map((answer) => answer.status)).toEqual([200, 400]);
    // In seconds, and within what the sender waited for the answer.
    answered.forEach(({ seconds }, index) => {
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThanOrEqual(roundTrips[index]!);
    });
  });

  it("refuses a body signed with another secret (400), says why in the log, and hands nothing on", async () => {
    const { url, received, log } = await endpoint();
    const body = JSON.stringify({ action: "opened" });

    const answer = await deliver(url, body, await signedWebhookHeaders("another-secret", "pull_request", body, "d-2"));

    expect(answer.status).toBe(400);
    expect(received).toEqual([]);
    expect(log.lines).toContainEqual(expect.objectContaining({ level: "warn", msg: "webhook signature does not match: refused (is WEBHOOK_SECRET the App's webhook secret?)" }));
  });

  it("answers 500 when the App could not take the delivery (a queue that does not answer), so GitHub can redeliver it", async () => {
    const { url } = await endpoint(async () => {
      throw new Error("the review queue (Redis) did not take the job");
    });
    const body = JSON.stringify({ action: "opened" });

    const answer = await deliver(url, body, await signedWebhookHeaders(SECRET, "pull_request", body, "d-3"));

    expect(answer).toEqual({ status: 500, text: JSON.stringify({ error: "the delivery could not be handled; redeliver it later" }) });
  });

  it("refuses a signed body that is not JSON, a wrong content type, missing headers and other methods, before the App sees them", async () => {
    const { url, received } = await endpoint();
    const headers = await signedWebhookHeaders(SECRET, "pull_request", "not json", "d-4");

    const answers = [
      (await deliver(url, "not json", headers)).status,
      (await deliver(url, "{}", { ...headers, "content-type": "text/plain" })).status,
      (await deliver(url, "{}", { "content-type": "application/json" })).status,
      (await fetch(url)).status,
      (await fetch(url.replace(WEBHOOK_PATH, "/elsewhere"), { method: "POST" })).status,
    ];

    expect(answers).toEqual([400, 415, 400, 404, 404]);
    expect(received).toEqual([]);
  });

  it.each([
    ["a wrong content type", { ...UNSIGNED, "content-type": "text/plain" }, 415],
    ["no event header", { ...UNSIGNED, "x-github-event": "" }, 400],
    ["no delivery header", { ...UNSIGNED, "x-github-delivery": "" }, 400],
    ["no signature header", { ...UNSIGNED, "x-hub-signature-256": "" }, 400],
    ["a SHA-1 signature", { ...UNSIGNED, "x-hub-signature-256": `sha1=${"0".repeat(40)}` }, 400],
    ["a signature one digit short", { ...UNSIGNED, "x-hub-signature-256": `sha256=${"0".repeat(63)}` }, 400],
    ["a signature in capitals", { ...UNSIGNED, "x-hub-signature-256": `sha256=${"A".repeat(64)}` }, 400],
    ["a declared length over the limit", { ...UNSIGNED, "content-length": String(MAX_BYTES + 1) }, 413],
  ])("refuses a request with %s before reading its body, and closes the connection", async (_case, headers, status) => {
    const { port, received } = await endpoint();

    // The declared body is never sent: only an answer that does not wait for it can arrive.
    const answer = await rawPost({ port, path: WEBHOOK_PATH, headers: { "content-length": "5000", ...headers }, body: "" });
    await answer.closed;

    expect(answer.status).toBe(status);
    expect(answer.received()).toContain("connection: close");
    expect(received).toEqual([]);
  });

  it("answers a signed delivery during a flood of large unsigned bodies: one holds the slot until its deadline, the rest get 503 with Retry-After at once", async () => {
    const { url, port, received, deadlines } = await endpoint();
    const flood = Array.from({ length: 20 }, () => startPost({ port, path: WEBHOOK_PATH, headers: { ...UNSIGNED, "content-length": String(MAX_BYTES) }, body: "x".repeat(1_000) }));
    const answers: RawAnswer[] = [];
    for (const post of flood) void post.answer.then((answer) => answers.push(answer));
    // Whichever came first holds the slot; nobody else's body is read.
    await waitFor(() => answers.length === 19 && deadlines.length === 1);
    const refused = [...answers];

    const body = JSON.stringify({ action: "opened" });
    const signed = await deliver(url, body, await signedWebhookHeaders(SECRET, "pull_request", body, "during-flood"));
    deadlines[0]!();
    await waitFor(() => answers.length === 20);

    expect(refused.map((answer) => answer.status)).toEqual(Array(19).fill(503));
    expect(refused[0]!.received()).toMatch(/\r\nretry-after: 10\r\n/);
    expect(signed.status).toBe(200);
    expect(received.map((delivery) => delivery.id)).toEqual(["during-flood"]);
    expect(answers[19]!.status).toBe(408);
  });

  it("answers 400 to a signed payload with a field of the wrong type, naming the field, and logs why", async () => {
    const { url, log } = await endpoint(async () => {
      throw new WebhookPayloadError("pull_request payload: action: Invalid input: expected string, received object");
    });
    const body = JSON.stringify({ action: { toString: 1 } });

    const answer = await deliver(url, body, await signedWebhookHeaders(SECRET, "pull_request", body, "d-5"));

    expect(answer).toEqual({ status: 400, text: JSON.stringify({ error: "pull_request payload: action: Invalid input: expected string, received object" }) });
    expect(log.lines).toContainEqual({
      level: "warn",
      obj: { deliveryId: "d-5", event: "pull_request", error: "pull_request payload: action: Invalid input: expected string, received object" },
      msg: "webhook payload refused (400): a field the App reads is missing or has the wrong type",
    });
  });
});
