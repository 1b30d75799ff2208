import { request } from "node:http";
import { signedWebhookHeaders } from "../../test/helpers/sign-webhook.js";
import type { LoadPull } from "./start-load-fakes.js";

/** A webhook delivery ready to send: its body and GitHub's headers, signature included. */
export interface SignedDelivery {
  pullNumber: number;
  body: string;
  headers: Record<string, string>;
}

/**
 * One signed `pull_request.opened` delivery per pull request, made from the real example payload.
 * Signed ahead of sending, so the time the sender spends on its HMAC is not counted as the App's.
 */
export async function signOpenedDeliveries(example: Record<string, any>, pulls: readonly LoadPull[], secret: string, idPrefix: string): Promise<SignedDelivery[]> {
  return Promise.all(
    pulls.map(async (pr) => {
      const body = openedPayload(example, pr);
      return { pullNumber: pr.number, body, headers: await signedWebhookHeaders(secret, "pull_request", body, `${idPrefix}-${pr.number}`) };
    }),
  );
}

/** The example `pull_request.opened` body, made the opening of `pr` (its number and head sha) by a person. */
export function openedPayload(example: Record<string, any>, pr: { number: number; headSha: string }): string {
  const payload = structuredClone(example);
  payload.number = pr.number;
  payload.pull_request.number = pr.number;
  payload.pull_request.head.sha = pr.headSha;
  payload.sender = { ...payload.sender, type: "User", login: "octocat" };
  return JSON.stringify(payload);
}

/**
 * Sends one delivery on a connection of its own, as GitHub does, with node:http (fetch costs the
 * sender about 1 ms a request, which at 200 at once would be measured as the App's). Resolves with
 * the App's status and the time from the delivery's last byte leaving the sender to the answer's
 * last byte arriving, in ms: the App's share, without the sender's own queue.
 */
export function sendDelivery(appUrl: string, delivery: SignedDelivery): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    let sent = Number.NaN;
    const req = request(`${appUrl}/api/github/webhooks`, { method: "POST", agent: false, headers: { ...delivery.headers, "content-length": String(Buffer.byteLength(delivery.body)) } }, (res) => {
      res.resume();
      res.once("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - sent }));
      res.once("error", reject);
    });
    req.once("finish", () => (sent = performance.now()));
    req.once("error", reject);
    req.end(delivery.body);
  });
}
