import { appendFile } from "node:fs/promises";
import type { AuditEvent } from "../core/audit/audit-event-schema.js";
import type { Logger } from "../log.js";

/** Where audit events go: the log always, a file when the operator names one. */
export interface AuditSink {
  /** Writes one event; never throws (a full disk must not fail a review), a write error is logged. */
  record(event: AuditEvent): Promise<void>;
}

export interface AuditSinkOptions {
  log: Logger;
  /** `PATCHWISE_AUDIT_LOG`: appended to, one JSON line per event; created with mode 0600. */
  filePath?: string;
}

/** Sends audit events to the log (info, `audit: true`) and optionally appends them to a file. */
export function createAuditSink({ log, filePath }: AuditSinkOptions): AuditSink {
  return {
    async record(event) {
      // Nested under `event`: spread at the top level, its `time` would clash with pino's own.
      log.info({ audit: true, event }, "audit event");
      if (!filePath) return;
      try {
        // `mode` applies when the file is created; an existing file keeps the operator's permissions.
        await appendFile(filePath, `${JSON.stringify(event)}\n`, { mode: 0o600 });
      } catch (error) {
        // The code (ENOENT, EACCES...) tells the operator what to fix; the message would repeat the path.
        const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "unknown";
        log.error({ audit: true, deliveryId: event.deliveryId, code }, "could not append to PATCHWISE_AUDIT_LOG");
      }
    },
  };
}
