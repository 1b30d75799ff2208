import { decideTrigger } from "../core/triggers/decide-trigger.js";
import { parseWebhookEvent } from "../core/triggers/webhook-event-schema.js";
import type { Logger } from "../log.js";
import type { TriggeredJob } from "../core/triggers/decide-trigger.js";
import type { EnqueueResult, ReviewQueue } from "./create-review-queue.js";
import { WebhookPayloadError } from "./webhook-payload-error.js";

/**
 * What a webhook handler does, all of it quick: validate the payload, decide whether it asks for a
 * review, and enqueue a job of references (one Redis round trip or two with a shared queue). The
 * review itself runs later. Returns the job and what the queue did with it, or null when there was none.
 * Throws a WebhookPayloadError when a field it reads is missing or has the wrong type.
 */
export async function handleWebhookEvent(
  name: "pull_request" | "issue_comment",
  payload: unknown,
  deliveryId: string,
  queue: ReviewQueue,
  log: Logger,
): Promise<{ job: TriggeredJob; result: EnqueueResult } | null> {
  const parsed = parseWebhookEvent(name, payload, deliveryId);
  if (!parsed.ok) throw new WebhookPayloadError(parsed.error);
  const decision = decideTrigger(parsed.event);
  if ("skip" in decision) {
    log.debug({ deliveryId, event: name, reason: decision.skip }, "no review for this event");
    return null;
  }
  if (decision.job.installationId === null) {
    log.warn({ deliveryId, event: name }, "webhook without an installation; ignored (is the App installed on the repository?)");
    return null;
  }
  const result = await queue.enqueue(decision.job);
  log.info({ deliveryId, event: name, trigger: decision.job.trigger, pullNumber: decision.job.pullNumber, result }, "review job enqueued");
  return { job: decision.job, result };
}
