/**
 * The error's type for a log line: its `name` and its class's name (a subclass that sets no name
 * of its own is still told apart), never its message, which can quote code.
 */
export function describeErrorType(error: unknown): { errorType: string; errorClass?: string } {
  if (!(error instanceof Error)) return { errorType: typeof error };
  const errorClass = error.constructor?.name;
  return { errorType: error.name, ...(errorClass ? { errorClass } : {}) };
}

