import { decideTrigger } from "../core/triggers/decide-trigger.js";
import { parseWebhookEvent } from "../core/triggers/webhook-event-schema.js";
import type { Logger } from "../log.js";
import type { ReviewQueue } from "./create-review-queue.js";

/**
 * What a webhook handler does, all of it synchronous and quick: validate the payload, decide
 * whether it asks for a review, and enqueue a job of references. The review itself runs later.
 */
export function handleWebhookEvent(
  name: "pull_request" | "issue_comment",
  payload: unknown,
  deliveryId: string,
  queue: ReviewQueue,
  log: Logger,
): void {
  const parsed = parseWebhookEvent(name, payload, deliveryId);
  if (!parsed.ok) {
    log.warn({ deliveryId, event: name, error: parsed.error }, "webhook payload not understood; ignored");
    return;
  }
  const decision = decideTrigger(parsed.event);
  if ("skip" in decision) {
    log.debug({ deliveryId, event: name, reason: decision.skip }, "no review for this event");
    return;
  }
  if (decision.job.installationId === null) {
    log.warn({ deliveryId, event: name }, "webhook without an installation; ignored (is the App installed on the repository?)");
    return;
  }
  const result = queue.enqueue(decision.job);
  log.info({ deliveryId, event: name, trigger: decision.job.trigger, pullNumber: decision.job.pullNumber, result }, "review job enqueued");
}
