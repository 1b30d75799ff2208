import { afterEach, describe, expect, it } from "@jest/globals";
import type { WebhookDelivery } from "../../src/app/create-patchwise-app.js";
import { serveHandlers, type ServingHandlers } from "../../src/app/serve-handlers.js";
import { createWebhookEndpoint, WEBHOOK_PATH } from "../../src/app/webhook-endpoint.js";
import { createRecordingLogger } from "../helpers/silent-logger.js";
import { signedWebhookHeaders } from "../helpers/sign-webhook.js";

// The webhook endpoint on a real loopback server: what GitHub gets back, and what reaches the App.

const SECRET = "endpoint-secret";
let serving: ServingHandlers | undefined;
afterEach(async () => {
  await serving?.close();
  serving = undefined;
});

async function endpoint(receive: (delivery: WebhookDelivery) => Promise<void> = async () => undefined) {
  const received: WebhookDelivery[] = [];
  const answered: Array<{ status: number; seconds: number }> = [];
  const log = createRecordingLogger();
  const handler = createWebhookEndpoint({
    secret: SECRET,
    maxBytes: 10_000,
    log,
    receive: async (delivery) => (received.push(delivery), receive(delivery)),
    onAnswered: (status, seconds) => answered.push({ status, seconds }),
  });
  serving = await serveHandlers([handler], { host: "127.0.0.1", port: 0 }, log);
  const url = `http://127.0.0.1:${serving.port}${WEBHOOK_PATH}`;
  return { url, received, answered, log };
}

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
});
