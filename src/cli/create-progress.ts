/** Progress lines on stderr; a no-op when stderr is not a terminal or with --quiet. */
export type Progress = (message: string) => void;

export function createProgress(stream: NodeJS.WriteStream, quiet: boolean): Progress {
  if (quiet || !stream.isTTY) return () => undefined;
  const started = Date.now();
  return (message) => {
    stream.write(`patchwise [${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
  };
}
