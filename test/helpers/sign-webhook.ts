import { sign } from "@octokit/webhooks-methods";

/** Headers GitHub sends with a webhook delivery, signed with `secret`. */
export async function signedWebhookHeaders(secret: string, event: string, body: string, deliveryId: string): Promise<Record<string, string>> {
  return {
    "content-type": "application/json",
    "x-github-event": event,
    "x-github-delivery": deliveryId,
    "x-hub-signature-256": await sign(secret, body),
  };
}
