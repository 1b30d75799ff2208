import type { AuditEvent } from "../../core/audit/audit-event-schema.js";
import { buildTelemetryPayload, type RuntimeFacts } from "../../core/telemetry/build-telemetry-payload.js";
import { countTelemetry, emptyTelemetryCounters, type TelemetryCounters } from "../../core/telemetry/count-telemetry.js";
import type { Logger } from "../../log.js";

const DAY_MS = 24 * 60 * 60 * 1000;
// The timer only checks; the day gate decides. An hourly check survives timer drift and sleep.
const CHECK_EVERY_MS = 60 * 60 * 1000;
const SEND_TIMEOUT_MS = 10_000;

export interface TelemetryOptions {
  /** `PATCHWISE_TELEMETRY_URL`: without it nothing is ever sent. */
  url: string | undefined;
  /** `PATCHWISE_TELEMETRY_DISABLED`: wins over the URL. */
  disabled: boolean;
  runtime: RuntimeFacts;
  defaultModel: { provider: string; model: string };
  log: Logger;
  /** Milliseconds since the epoch; injected by tests. */
  now?: () => number;
  fetch?: typeof fetch;
}

/** The anonymous daily heartbeat of one process. */
export interface Telemetry {
  /** True when a URL is set and telemetry is not disabled. */
  readonly active: boolean;
  /** Counts one audit event: only its outcome, failed step, comment count and model are kept. */
  record(event: AuditEvent): void;
  /** The exact request body the next heartbeat would send. */
  body(): string;
  /** Sends the heartbeat when a day has passed since the last one (or since start); resolves to whether a request was made. */
  sendIfDue(): Promise<boolean>;
  /** Starts the daily check; the timer is unref'd, so it never keeps the process alive. */
  start(): void;
  stop(): void;
}

/**
 * Counters, a daily timer and one POST. The first heartbeat waits a full day after start, so
 * a process that restarts often sends nothing rather than more than one a day.
 */
export function createTelemetry(options: TelemetryOptions): Telemetry {
  const now = options.now ?? Date.now;
  const send = options.fetch ?? fetch;
  const url = options.disabled ? undefined : options.url;
  let counters: TelemetryCounters = emptyTelemetryCounters();
  let lastSentAt = now();
  let timer: NodeJS.Timeout | undefined;

  const body = () => serializeTelemetryPayload(counters, options);

  async function sendIfDue(): Promise<boolean> {
    if (!url || now() - lastSentAt < DAY_MS) return false;
    // Claimed before the request: one attempt a day, even when it fails or overlaps a slow one.
    lastSentAt = now();
    const text = body();
    counters = emptyTelemetryCounters();
    try {
      const response = await send(url, { method: "POST", headers: { "content-type": "application/json" }, body: text, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
      if (!response.ok) options.log.warn({ status: response.status }, "telemetry heartbeat refused; the next one is due in a day");
    } catch (error) {
      // The error's name only (TimeoutError, TypeError...): its message may repeat the URL.
      const name = typeof error === "object" && error !== null && "name" in error ? String(error.name) : typeof error;
      options.log.warn({ error: name }, "telemetry heartbeat not sent; the next one is due in a day");
    }
    return true;
  }

  return {
    active: Boolean(url),
    record(event) {
      if (url) counters = countTelemetry(counters, event);
    },
    body,
    sendIfDue,
    start() {
      if (!url || timer) return;
      // The origin only: a collector URL may carry a token in its path or query.
      options.log.info({ to: new URL(url).origin }, "anonymous telemetry on: at most one heartbeat a day (npm run telemetry:preview shows it)");
      timer = setInterval(() => void sendIfDue(), CHECK_EVERY_MS).unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}

/** The heartbeat's request body; `npm run telemetry:preview` prints this same text. */
export function serializeTelemetryPayload(counters: TelemetryCounters, options: Pick<TelemetryOptions, "runtime" | "defaultModel">): string {
  return `${JSON.stringify(buildTelemetryPayload({ counters, runtime: options.runtime, defaultModel: options.defaultModel }), null, 2)}\n`;
}
