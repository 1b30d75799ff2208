import { planChunks, type Chunk, type ChunkFile, type ChunkFileInput, type ChunkSnippetInput } from "./plan-chunks.js";

export interface SplitChunkInput {
  chunk: Chunk;
  /** Every file of the review as `planChunks` took it (whole, all hunks). */
  files: ReadonlyMap<string, ChunkFileInput>;
  snippets: readonly ChunkSnippetInput[];
  /** Tokens each part may hold at most. */
  budget: number;
}

export interface SplitChunk {
  chunks: Chunk[];
  /** What fits in no part even alone: a whole file (`hunks` null), or hunks of one (indexes of the file's hunks). */
  unfit: Array<{ path: string; hunks: number[] | null }>;
}

/**
 * Splits a request the server refused as too long into parts of at most `budget` tokens: by
 * files first, then by hunks of one file, its related code with it where there is room. Hunk
 * indexes stay those of the whole file, whatever part of it the chunk held.
 */
export function splitChunk(input: SplitChunkInput): SplitChunk {
  const held = new Map(input.chunk.files.map((file) => [file.path, file.hunks]));
  const files = input.chunk.files.flatMap((file) => {
    const whole = input.files.get(file.path);
    if (whole === undefined) return [];
    if (file.hunks === undefined) return [whole];
    const hunkTokens = file.hunks.map((hunk) => whole.hunkTokens[hunk] ?? 0);
    // The file's header costs the difference between its whole count and its hunks'.
    const header = whole.tokens - whole.hunkTokens.reduce((sum, tokens) => sum + tokens, 0);
    return [{ path: file.path, tokens: header + hunkTokens.reduce((sum, tokens) => sum + tokens, 0), hunkTokens }];
  });
  const ids = new Set(input.chunk.snippetIds);
  const plan = planChunks({ files, snippets: input.snippets.filter((snippet) => ids.has(snippet.id)), budget: input.budget });
  const original = (path: string, hunks: number[]) => {
    const heldHunks = held.get(path);
    return heldHunks === undefined ? hunks : hunks.map((hunk) => heldHunks[hunk] ?? hunk);
  };
  const restore = (file: ChunkFile): ChunkFile => {
    if (file.hunks !== undefined) return { path: file.path, hunks: original(file.path, file.hunks) };
    const heldHunks = held.get(file.path);
    return heldHunks === undefined ? { path: file.path } : { path: file.path, hunks: heldHunks };
  };
  return {
    chunks: plan.chunks.map((chunk) => ({ ...chunk, files: chunk.files.map(restore) })),
    unfit: [...plan.skipped.map((file) => ({ path: file.path, hunks: null })), ...plan.skippedHunks.map((entry) => ({ path: entry.path, hunks: original(entry.path, entry.hunks) }))],
  };
}
