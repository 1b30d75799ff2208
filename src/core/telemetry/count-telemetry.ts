import type { AuditEvent } from "../audit/audit-event-schema.js";

/** What the heartbeat aggregates between two sends: counts keyed by outcome, step and model only. */
export interface TelemetryCounters {
  reviews: { posted: number; skipped: number; failed: number; refused: number };
  comments: number;
  errors: Readonly<Record<string, number>>;
  /** Reviews that asked a model, by `provider` and `model`. */
  models: ReadonlyArray<{ provider: string; model: string; reviews: number }>;
}

// A repository config may name any model; bound how much of that text reaches the payload.
const MAX_MODELS = 20;
const MAX_NAME_LENGTH = 100;
const OTHER = "other";
// Step names are the pipeline's fixed phrases; anything else is folded into "other".
const STEP_NAME = /^[a-z' ]{1,60}$/;

/** Counters with nothing counted yet. */
export function emptyTelemetryCounters(): TelemetryCounters {
  return { reviews: { posted: 0, skipped: 0, failed: 0, refused: 0 }, comments: 0, errors: {}, models: [] };
}

/**
 * Adds one audit event to the counters, keeping only its outcome, failed step, comment count
 * and model: the repository, actor, ids and commit it carries are dropped here.
 */
export function countTelemetry(counters: TelemetryCounters, event: AuditEvent): TelemetryCounters {
  const refused = event.decision.action === "refused";
  const outcome = refused ? "refused" : event.outcome.status;
  const reviews = { ...counters.reviews, [outcome]: counters.reviews[outcome] + 1 };
  let errors = counters.errors;
  if (!refused && event.outcome.status === "failed") {
    const step = event.outcome.stage !== null && STEP_NAME.test(event.outcome.stage) ? event.outcome.stage : OTHER;
    errors = { ...errors, [step]: (errors[step] ?? 0) + 1 };
  }
  const { provider, model } = event;
  const askedModel = provider !== null && model !== null && event.tokens.input > 0;
  return {
    reviews,
    comments: counters.comments + event.commentsPosted,
    errors,
    models: askedModel ? addModel(counters.models, provider, model) : counters.models,
  };
}

function addModel(models: TelemetryCounters["models"], provider: string, rawModel: string): TelemetryCounters["models"] {
  const model = rawModel.slice(0, MAX_NAME_LENGTH);
  const known = models.find((entry) => entry.provider === provider && entry.model === model);
  if (known) return models.map((entry) => (entry === known ? { ...entry, reviews: entry.reviews + 1 } : entry));
  if (models.length >= MAX_MODELS && model !== OTHER) return addModel(models, provider, OTHER);
  return [...models, { provider, model, reviews: 1 }];
}
