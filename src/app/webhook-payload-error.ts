/**
 * A signed delivery whose payload has a field the App reads with the wrong type (or is not an
 * object): answered 400. The message names fields and types only, never a value of the payload.
 */
export class WebhookPayloadError extends Error {
  override readonly name = "WebhookPayloadError";
  /** Redelivering the same payload cannot help. */
  readonly retryable = false;
}
