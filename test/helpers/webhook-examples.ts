import { createRequire } from "node:module";

// Real webhook payloads from @octokit/webhooks-examples (as GitHub documents them).
const require = createRequire(import.meta.url);
const examples = require("@octokit/webhooks-examples/api.github.com/index.json") as Array<{ name: string; examples: Array<Record<string, any>> }>;

/** A deep copy of the first example of `event` that `match` accepts. */
export function loadWebhookExample(event: string, match: (payload: Record<string, any>) => boolean = () => true): Record<string, any> {
  const found = examples.find((e) => e.name === event)?.examples.find(match);
  if (!found) throw new Error(`no ${event} example matches`);
  return structuredClone(found);
}
