/**
 * A model's JSON text, parsed; text that is not JSON (fenced, or with prose around it) is returned
 * as the string itself, so that validation names the problem and the one repair request can fix it.
 */
export function parseJsonOrRaw(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
