import type { FindingLocation } from "./merge-repeated-findings.js";

/** The line of a merged comment that names the other places with the same problem, or "" when there are none. */
export function renderOtherLocations(locations: readonly FindingLocation[]): string {
  if (locations.length === 0) return "";
  return `The same problem is also at ${locations.map((location) => inlineCode(`${location.path}:${location.line}`)).join(", ")}.`;
}

// Paths come from the pull request and may hold backticks; a longer fence keeps them literal.
function inlineCode(text: string): string {
  const fence = "`".repeat(Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length)) + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}
