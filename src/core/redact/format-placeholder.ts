/** The text that stands in for a redacted secret: the model learns its kind, never its value. */
export function formatPlaceholder(type: string): string {
  return `[REDACTED:${type}]`;
}
