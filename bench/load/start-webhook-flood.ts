import { rawPost } from "../../test/app/raw-http-post.js";

export interface WebhookFlood {
  /** Stops starting POSTs, waits for those in flight, and tallies how each one ended. */
  stop(): Promise<FloodTally>;
}

/** How the flood's POSTs ended: the App's status, or `no answer` (the connection closed or failed first). */
export type FloodTally = Record<string, number>;

/**
 * `attackers` connections at once, each POSTing `bodyBytes` to the webhook path again and again
 * until stopped: GitHub's headers, a Content-Length, and a well-formed `X-Hub-Signature-256` that
 * does not match (what anyone can send without the secret). One buffer serves every connection,
 * so the sender holds `bodyBytes` however many attackers there are. Each POST ends at the App's
 * status line (or when the connection ends); the next one goes on a new connection.
 */
export function startWebhookFlood(options: { port: number; attackers: number; bodyBytes: number }): WebhookFlood {
  const body = Buffer.alloc(options.bodyBytes, "a");
  const headers = { "content-type": "application/json", "x-github-event": "pull_request", "x-hub-signature-256": `sha256=${"0".repeat(64)}` };
  const tally: FloodTally = {};
  const count = (outcome: string) => (tally[outcome] = (tally[outcome] ?? 0) + 1);
  let stopped = false;
  const attacker = async (index: number) => {
    for (let sent = 0; !stopped; sent++) {
      const answer = await rawPost({ port: options.port, path: "/api/github/webhooks", headers: { ...headers, "x-github-delivery": `flood-${index}-${sent}` }, body }).catch(() => null);
      count(answer ? String(answer.status) : "no answer");
      answer?.socket.destroy();
    }
  };
  const running = Promise.all(Array.from({ length: options.attackers }, (_, index) => attacker(index)));
  return {
    stop: async () => {
      stopped = true;
      await running;
      return tally;
    },
  };
}
