import type { Logger } from "../../src/log.js";

export interface RecordingLogger extends Logger {
  lines: Array<{ level: string; obj: object; msg?: string }>;
}

/** A logger that keeps what it was given, for assertions. */
export function createRecordingLogger(): RecordingLogger {
  const lines: RecordingLogger["lines"] = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
