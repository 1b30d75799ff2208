import { z } from "zod";

// The audit event is a contract with whoever reads the audit log (a SIEM, a grep, a script):
// fields are only ever added; a rename or a removal raises `schemaVersion`. It holds ids,
// names, counts and outcomes, never code, prompts, model answers or secret values.

const count = z.number().int().min(0);

/** Whether Patchwise went ahead with a request, and why not when it did not. */
export const auditDecisionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("run") }),
  z.object({ action: z.literal("refused"), reason: z.string() }),
]);

export const auditEventSchema = z.object({
  schemaVersion: z.literal(1),
  /** When the review (or the refusal) ended, ISO 8601 UTC. */
  time: z.iso.datetime(),
  deliveryId: z.string(),
  installationId: z.number().int().nullable(),
  /** `owner/repo`. */
  repository: z.string(),
  pullNumber: count,
  /** The commit reviewed; null when it was never read (a refused `/review`, an early failure). */
  headSha: z.string().nullable(),
  trigger: z.enum(["opened", "reopened", "ready_for_review", "synchronize", "command"]),
  /**
   * What ran: `review`, or an answering command: `ask`, `thread` (a reply in Patchwise's thread),
   * `describe` (with trigger `opened` for `describe: auto`). Added to version 1 (fields are only added).
   */
  command: z.enum(["review", "ask", "thread", "describe"]),
  /** GitHub login of whoever caused the event (PR author or pusher, or the commenter of `/review`); null when unknown. */
  actor: z.string().nullable(),
  decision: auditDecisionSchema,
  provider: z.string().nullable(),
  model: z.string().nullable(),
  /** Which model answered how many requests of each part (`review`, `verify`): a fallback or the light model shows here. Empty when none answered. */
  answeredBy: z.array(z.object({ part: z.enum(["review", "verify"]), model: z.string(), requests: count })),
  /** What left the process for the model: changed files and diff lines, and lines of related (unchanged) code. */
  sent: z.object({ files: count, lines: count, relatedLines: count }),
  tokens: z.object({ input: count, output: count }),
  /** Secrets replaced by `[REDACTED:type]` before anything was sent: how many, by type. Never the values. */
  secretsRedacted: z.object({ count, byType: z.record(z.string(), count) }),
  /** Inline review comments posted (the summary comment is not counted). */
  commentsPosted: count,
  /** A posted review some of whose model requests failed for good: how many, and the files left unreviewed; null otherwise. */
  partial: z.object({ failedRequests: count, files: count }).nullable(),
  durationMs: count,
  outcome: z.object({
    status: z.enum(["posted", "skipped", "failed"]),
    /** The step that failed (failed only). */
    stage: z.string().nullable(),
    /** Why it was skipped or failed, as shown in the summary comment. */
    reason: z.string().nullable(),
  }),
});

/** One line of the audit log. */
export type AuditEvent = z.infer<typeof auditEventSchema>;
export type AuditDecision = z.infer<typeof auditDecisionSchema>;
