/** An instant as people read it in a posted message, to the second: `2026-01-05 14:05:07 UTC`. */
export function formatUtcTime(epochMs: number): string {
  // Rounded up: "retry after" a time must not name one a moment too early.
  return `${new Date(Math.ceil(epochMs / 1000) * 1000).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
