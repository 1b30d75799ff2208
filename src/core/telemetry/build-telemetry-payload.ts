import type { TelemetryCounters } from "./count-telemetry.js";
import type { TelemetryPayload } from "./telemetry-payload-schema.js";

/** The process facts a heartbeat reports. */
export interface RuntimeFacts {
  patchwiseVersion: string;
  nodeVersion: string;
  os: string;
  arch: string;
}

export interface TelemetryPayloadInput {
  counters: TelemetryCounters;
  runtime: RuntimeFacts;
  /** The operator's configured provider and model, listed even before any review used them. */
  defaultModel: { provider: string; model: string };
}

/** The exact heartbeat body: versions and aggregated counters, in a stable order. */
export function buildTelemetryPayload({ counters, runtime, defaultModel }: TelemetryPayloadInput): TelemetryPayload {
  const hasDefault = counters.models.some((entry) => entry.provider === defaultModel.provider && entry.model === defaultModel.model);
  const models = [...counters.models, ...(hasDefault ? [] : [{ ...defaultModel, reviews: 0 }])]
    .map(({ provider, model, reviews }) => ({ provider, model, reviews }))
    .sort((a, b) => byText(a.provider, b.provider) || byText(a.model, b.model));
  return {
    schemaVersion: 1,
    patchwiseVersion: runtime.patchwiseVersion,
    nodeVersion: runtime.nodeVersion,
    os: runtime.os,
    arch: runtime.arch,
    reviews: { ...counters.reviews },
    comments: counters.comments,
    errors: Object.fromEntries(Object.entries(counters.errors).sort(([a], [b]) => byText(a, b))),
    models,
  };
}

// Code-unit order, not the locale's: the same counters give the same bytes on every machine.
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
