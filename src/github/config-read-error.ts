/** `.github/patchwise.yml` exists but cannot be read as YAML. The message names the file and line, never its content. */
export class ConfigReadError extends Error {
  override readonly name = "ConfigReadError";
  /** Retrying cannot help: someone has to fix the file on the default branch. */
  readonly retryable = false;
  readonly path: string;
  readonly line?: number;
  /** Where and what, without the advice for App users (the CLI gives its own). */
  readonly detail: string;

  constructor(init: { path: string; line?: number; problem: string }) {
    const where = init.line === undefined ? init.path : `${init.path} line ${init.line}`;
    super(`${where}: ${init.problem}; fix the file on the default branch and run /review again`);
    this.detail = `${where}: ${init.problem}`;
    this.path = init.path;
    if (init.line !== undefined) this.line = init.line;
  }
}
