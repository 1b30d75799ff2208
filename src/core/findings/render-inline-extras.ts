import { renderFingerprintMarker } from "./fingerprint-finding.js";
import { renderOtherLocations } from "./render-other-locations.js";
import { renderSuggestionBlock } from "./render-suggestion-block.js";
import type { InlineFinding } from "./sift-findings.js";

/** What an inline comment shows after the finding's own text: the other places, the suggestion, and the hidden fingerprint marker. */
export function renderInlineExtras(finding: InlineFinding): string[] {
  return [renderOtherLocations(finding.otherLocations), renderSuggestionBlock(finding.suggestionCheck, finding.path), renderFingerprintMarker(finding.fingerprints)].filter(
    (part) => part !== "",
  );
}
