import type { Finding } from "../types.js";
import { hashText } from "./hash-text.js";
import { normaliseCode } from "./normalise-code.js";
import { normaliseTitle } from "./normalise-title.js";

/** Bumped when the recipe changes; markers of another version are not read, so old comments repeat rather than hide new findings. */
export const FINGERPRINT_VERSION = "v1";

/** Start of the hidden marker each inline comment carries. */
export const FINGERPRINT_MARKER_PREFIX = "<!-- patchwise:fp";

/**
 * A stable identity for one finding at one place: the file path, the commented code with
 * formatting removed (not its line numbers, so the same code moved elsewhere keeps it), the
 * category, and a short hash of the title's words. `path` overrides the finding's own path
 * (a renamed file is matched under its previous path too).
 */
export function fingerprintFinding(finding: Pick<Finding, "path" | "category" | "title">, commentedLinesText: string, path = finding.path): string {
  const titleHash = hashText(normaliseTitle(finding.title)).slice(0, 8);
  return hashText([FINGERPRINT_VERSION, path, normaliseCode(commentedLinesText), finding.category, titleHash].join("\u0000"));
}

/** The hidden marker for an inline comment; a comment merged from several places carries each place's fingerprint. */
export function renderFingerprintMarker(fingerprints: string | readonly string[]): string {
  const list = typeof fingerprints === "string" ? [fingerprints] : [...new Set(fingerprints)];
  return `${FINGERPRINT_MARKER_PREFIX} ${FINGERPRINT_VERSION} ${list.join(" ")} -->`;
}
