import type { Redaction } from "./build-redaction.js";

/** True when `text` (say, a comment the model wrote) holds a value this redaction hid from the model. */
export function containsRedactedSecret(text: string, redaction: Pick<Redaction, "secrets">): boolean {
  return redaction.secrets.contains(text);
}

/** `text` with every value this redaction hid replaced by its typed placeholder, before it is posted or printed. */
export function scrubRedactedSecrets(text: string, redaction: Pick<Redaction, "secrets">): string {
  return redaction.secrets.scrub(text);
}
