/**
 * Context windows the model server stated (refusing a prompt as too long) or reported (a probe),
 * kept for the life of the process so that later reviews are sized by them from the start. One
 * per model endpoint: the shell that knows the endpoint creates it and passes it down.
 */
export interface KnownWindows {
  get(model: string): number | undefined;
  /** Keeps the smaller of what was known and `tokens`: a server's own figure only ever lowers the window. */
  remember(model: string, tokens: number): void;
}

export function createKnownWindows(): KnownWindows {
  const windows = new Map<string, number>();
  return {
    get: (model) => windows.get(model),
    remember(model, tokens) {
      windows.set(model, Math.min(windows.get(model) ?? tokens, tokens));
    },
  };
}
