import type { SkippedFile } from "../types.js";
import { packFirstFitDecreasing } from "./pack-first-fit-decreasing.js";

export interface ChunkFileInput {
  path: string;
  /** Tokens of the file's whole rendered diff (its header and numbered hunks). */
  tokens: number;
  /** Tokens of each hunk rendered alone with the file header, in order: how a too-large file is split. */
  hunkTokens: number[];
}

export interface ChunkSnippetInput {
  id: string;
  /** The changed file this related code is for; it goes in the same request as that file. */
  file: string;
  tokens: number;
}

export interface PlanChunksInput {
  files: ChunkFileInput[];
  /** Related code, most wanted first within each file. */
  snippets: ChunkSnippetInput[];
  /** Tokens requests are packed to (see `computePromptBudget`'s `target`). */
  budget: number;
  /** The most tokens one request can hold (the window's share); a file or hunk over `budget` but within it goes alone. Default: `budget`. */
  limit?: number;
}

export interface ChunkFile {
  path: string;
  /** Indexes of the hunks this request covers; absent when it covers the whole file. */
  hunks?: number[];
}

export interface Chunk {
  files: ChunkFile[];
  snippetIds: string[];
  tokens: number;
}

export interface ChunkPlan {
  chunks: Chunk[];
  /** Files no request can hold, not even one hunk of them. */
  skipped: SkippedFile[];
  /** Files reviewed in part: these hunks alone are larger than a request. */
  skippedHunks: Array<{ path: string; hunks: number[]; reason: string }>;
  /** Related code left out for lack of room. */
  droppedSnippetIds: string[];
}

// A file (or one part of a split file) with the related code that travels with it.
interface Unit {
  key: string;
  dir: string;
  files: ChunkFile[];
  snippetIds: string[];
  tokens: number;
}

/**
 * Splits a review into requests that each fit `budget`. A file and its related code stay in one
 * request; files of one directory share a request where they fit; a file too large for the
 * budget is split between its hunks (a hunk over it alone still goes alone within `limit`);
 * what fits nowhere is named with the reason.
 */
export function planChunks(input: PlanChunksInput): ChunkPlan {
  const plan: ChunkPlan = { chunks: [], skipped: [], skippedHunks: [], droppedSnippetIds: [] };
  const snippetsByFile = groupBy(input.snippets, (snippet) => snippet.file);
  const sizes = { budget: input.budget, limit: Math.max(input.budget, input.limit ?? input.budget) };
  const units = [...input.files]
    .sort((a, b) => a.path.localeCompare(b.path))
    .flatMap((file) => toUnits(file, snippetsByFile.get(file.path) ?? [], sizes, plan));
  // Whole directories first; a directory too large for one request is packed on its own first.
  const pieces = [...groupBy(units, (unit) => unit.dir).values()].flatMap((group) => packFirstFitDecreasing(group, input.budget).map(merge));
  plan.chunks = packFirstFitDecreasing(pieces, input.budget)
    .map(merge)
    .map(({ files, snippetIds, tokens }) => ({ files, snippetIds, tokens }))
    .sort((a, b) => (a.files[0]?.path ?? "").localeCompare(b.files[0]?.path ?? ""));
  return plan;
}

function toUnits(file: ChunkFileInput, snippets: ChunkSnippetInput[], sizes: { budget: number; limit: number }, plan: ChunkPlan): Unit[] {
  const { budget, limit } = sizes;
  const dir = file.path.includes("/") ? file.path.slice(0, file.path.lastIndexOf("/")) : "";
  if (file.tokens <= budget) return attachSnippets([{ key: file.path, dir, files: [{ path: file.path }], snippetIds: [], tokens: file.tokens }], snippets, budget, plan);
  // Consecutive hunks share a part while they fit, so each request sees as much of the file as it can.
  const tooLarge: number[] = [];
  const parts: Unit[] = [];
  for (const [hunk, tokens] of file.hunkTokens.entries()) {
    const last = parts.at(-1);
    if (tokens > limit) tooLarge.push(hunk);
    else if (last && last.tokens + tokens <= budget) {
      last.files[0]?.hunks?.push(hunk);
      last.tokens += tokens;
    } else parts.push({ key: `${file.path}#${String(parts.length).padStart(6, "0")}`, dir, files: [{ path: file.path, hunks: [hunk] }], snippetIds: [], tokens });
  }
  const room = `the ${limit} tokens one request can hold`;
  if (parts.length === 0) {
    plan.skipped.push({ path: file.path, reason: `its diff (${file.tokens} tokens) does not fit in ${room}, not even one hunk at a time` });
    plan.droppedSnippetIds.push(...snippets.map((snippet) => snippet.id));
    return [];
  }
  if (tooLarge.length > 0) {
    const names = tooLarge.map((hunk) => hunk + 1).join(", ");
    const verb = tooLarge.length === 1 ? `hunk ${names} does` : `hunks ${names} each do`;
    plan.skippedHunks.push({ path: file.path, hunks: tooLarge, reason: `${verb} not fit in ${room}; the rest of the file is reviewed` });
  }
  return attachSnippets(parts, snippets, budget, plan);
}

// Related code goes into the first part of its file with room for it, most wanted first.
function attachSnippets(parts: Unit[], snippets: ChunkSnippetInput[], budget: number, plan: ChunkPlan): Unit[] {
  for (const snippet of snippets) {
    const part = parts.find((candidate) => candidate.tokens + snippet.tokens <= budget);
    if (part === undefined) {
      plan.droppedSnippetIds.push(snippet.id);
      continue;
    }
    part.snippetIds.push(snippet.id);
    part.tokens += snippet.tokens;
  }
  return parts;
}

function merge(units: Unit[]): Unit {
  const sorted = [...units].sort((a, b) => a.key.localeCompare(b.key));
  return {
    key: sorted[0]?.key ?? "",
    dir: sorted[0]?.dir ?? "",
    files: sorted.flatMap((unit) => unit.files),
    snippetIds: sorted.flatMap((unit) => unit.snippetIds),
    tokens: sorted.reduce((sum, unit) => sum + unit.tokens, 0),
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}
