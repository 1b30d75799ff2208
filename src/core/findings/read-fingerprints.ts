import { FINGERPRINT_MARKER_PREFIX, FINGERPRINT_VERSION } from "./fingerprint-finding.js";

/** An inline comment already on the pull request, as the shell read it. */
export interface ExistingComment {
  body: string;
  path: string;
  line: number | null;
  /** Its thread was resolved by a person. */
  resolved?: boolean;
  /** A person marked it as not useful (the shell decides how: a 👎 reaction, a dismissed review...). */
  dismissed?: boolean;
  /** 👍 and 👎 reactions on it, counted for the summary and the metrics (nothing is stored). */
  reactions?: { up: number; down: number };
}

/** Why a finding is not posted again, from the strongest signal down. */
export const REPEAT_REASONS = ["dismissed", "resolved by a person", "already reported"] as const;
export type RepeatReason = (typeof REPEAT_REASONS)[number];

const MARKER = new RegExp(`${FINGERPRINT_MARKER_PREFIX} ${FINGERPRINT_VERSION} ([0-9a-f ]+) -->`, "g");

/**
 * The fingerprints found in earlier comments, each with the strongest reason not to repeat it.
 * Pass only Patchwise's own comments: anyone can type a marker into a comment of theirs.
 */
export function readFingerprints(existing: readonly ExistingComment[]): ReadonlyMap<string, RepeatReason> {
  const reasons = new Map<string, RepeatReason>();
  for (const comment of existing) {
    const reason: RepeatReason = comment.dismissed ? "dismissed" : comment.resolved ? "resolved by a person" : "already reported";
    for (const match of comment.body.matchAll(MARKER)) {
      for (const fingerprint of (match[1] ?? "").split(" ").filter((part) => part !== "")) {
        const known = reasons.get(fingerprint);
        if (known === undefined || REPEAT_REASONS.indexOf(reason) < REPEAT_REASONS.indexOf(known)) reasons.set(fingerprint, reason);
      }
    }
  }
  return reasons;
}
