import { renderCodeSpan } from "../review/render-code-span.js";
import type { FindingLocation } from "./merge-repeated-findings.js";

/** The line of a merged comment that names the other places with the same problem, or "" when there are none. */
export function renderOtherLocations(locations: readonly FindingLocation[]): string {
  if (locations.length === 0) return "";
  return `The same problem is also at ${locations.map((location) => renderCodeSpan(`${location.path}:${location.line}`)).join(", ")}.`;
}
