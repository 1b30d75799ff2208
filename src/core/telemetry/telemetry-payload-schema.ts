import { z } from "zod";

// The anonymous heartbeat, as a contract: this is everything it may ever carry. No repository,
// installation, user, delivery id, commit, file name or code; counters and versions only.

const count = z.number().int().min(0);

export const telemetryPayloadSchema = z.strictObject({
  schemaVersion: z.literal(1),
  patchwiseVersion: z.string(),
  nodeVersion: z.string(),
  os: z.string(),
  arch: z.string(),
  /** Reviews since the last heartbeat, by outcome; `refused`: requests turned down before a review (permission, rate limit). */
  reviews: z.strictObject({ posted: count, skipped: count, failed: count, refused: count }),
  /** Inline review comments posted since the last heartbeat. */
  comments: count,
  /** Failed reviews by the step that failed (fixed step names such as "asking the model"). */
  errors: z.record(z.string(), count),
  /** Providers and model names in use: the operator's default, and any model that reviewed since the last heartbeat. */
  models: z.array(z.strictObject({ provider: z.string(), model: z.string(), reviews: count })),
});

/** What one heartbeat sends, exactly. */
export type TelemetryPayload = z.infer<typeof telemetryPayloadSchema>;
