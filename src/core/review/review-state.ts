import { SEVERITIES, type Severity } from "../types.js";

/**
 * What Patchwise remembers of a pull request between reviews, kept in a hidden marker of the
 * summary comment (GitHub is the record; we keep no database). Counts and shas only, never code.
 */
export interface ReviewState {
  /** The head commit the last finished review covered; the next incremental review starts there. */
  reviewedSha: string;
  /** Reviews finished on this pull request so far. */
  reviews: number;
  /** Findings those reviews reported, by severity (each finding counted once: repeats are not reported again). */
  findings: Record<Severity, number>;
  /**
   * The most severe finding still to be taken as open, for a fail-on check: an incremental review
   * does not look at earlier code again, so it cannot clear what an earlier review found.
   */
  worstOpen: Severity | null;
}

const PREFIX = "<!-- patchwise:state v1";
// Strict: the marker is read back from a comment, so anything but these fields is ignored.
const MARKER = new RegExp(
  `${PREFIX} sha=([0-9a-f]{40}|[0-9a-f]{64}) reviews=(\\d{1,6}) ${SEVERITIES.map((severity) => `${severity}=(\\d{1,6})`).join(" ")} worst=(${SEVERITIES.join("|")}|none) -->`,
);

/** The hidden marker that carries `state` in the summary comment. */
export function renderReviewStateMarker(state: ReviewState): string {
  const counts = SEVERITIES.map((severity) => `${severity}=${state.findings[severity]}`).join(" ");
  return `${PREFIX} sha=${state.reviewedSha} reviews=${state.reviews} ${counts} worst=${state.worstOpen ?? "none"} -->`;
}

/** The state a summary comment's marker records, or null when it has none (or a malformed one). */
export function parseReviewStateMarker(body: string): ReviewState | null {
  const match = MARKER.exec(body);
  if (!match) return null;
  const [, sha, reviews, ...rest] = match as unknown as [string, string, string, ...string[]];
  const findings = Object.fromEntries(SEVERITIES.map((severity, index) => [severity, Number(rest[index])])) as Record<Severity, number>;
  const worst = rest[SEVERITIES.length];
  return { reviewedSha: sha, reviews: Number(reviews), findings, worstOpen: worst === "none" || worst === undefined ? null : (worst as Severity) };
}

/** Total findings of a state, all severities. */
export function countStateFindings(state: ReviewState): number {
  return SEVERITIES.reduce((sum, severity) => sum + state.findings[severity], 0);
}

export interface AdvanceReviewStateInput {
  earlier: ReviewState | null;
  headSha: string;
  /** True when this review looked only at what changed since `earlier.reviewedSha`. */
  incremental: boolean;
  /** Severities of every finding this review reported (inline or in the summary): the totals. */
  reported: readonly Severity[];
  /**
   * Severities of the findings that count for a fail-on check: those posted or listed as outside
   * the diff or over the limit, and earlier findings found again that nobody resolved or dismissed.
   */
  open: readonly Severity[];
}

/** The state after a finished review: its commit, the totals so far, and what stays open. */
export function advanceReviewState(input: AdvanceReviewStateInput): ReviewState {
  const findings = Object.fromEntries(SEVERITIES.map((severity) => [severity, input.earlier?.findings[severity] ?? 0])) as Record<Severity, number>;
  for (const severity of input.reported) findings[severity] += 1;
  const seen = [...input.open, ...(input.incremental && input.earlier?.worstOpen ? [input.earlier.worstOpen] : [])];
  return { reviewedSha: input.headSha, reviews: (input.earlier?.reviews ?? 0) + 1, findings, worstOpen: mostSevere(seen) };
}

function mostSevere(severities: readonly Severity[]): Severity | null {
  return SEVERITIES.find((severity) => severities.includes(severity)) ?? null;
}
