import { pino, type Logger as PinoLogger } from "pino";

// The logging port. What is logged is ids, counts, routes and error types: never code, prompts,
// answers or request bodies. The pino redaction below is a second line of defence for any
// object that slips through with one of these keys.
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const CONTENT_KEYS = ["body", "patch", "content", "prompt", "user", "system", "messages", "comments", "suggestion", "diff", "data", "request", "response", "headers.authorization"];

// Probot logs a whole webhook payload (PR title and body, comment text) at debug level.
const PAYLOAD_PATHS = ["payload", "event.payload", "*.payload"];

export const REDACTED_LOG_PATHS = [...CONTENT_KEYS, ...CONTENT_KEYS.map((k) => `*.${k}`), ...CONTENT_KEYS.map((k) => `*.*.${k}`), ...PAYLOAD_PATHS];

/** The process logger: JSON lines on stdout (or `destination`), content keys censored. */
export function createLogger(level: string = "info", destination?: NodeJS.WritableStream): PinoLogger {
  const options = { level, name: "patchwise", redact: { paths: REDACTED_LOG_PATHS, censor: "[redacted]" } };
  return destination ? pino(options, destination) : pino(options);
}
