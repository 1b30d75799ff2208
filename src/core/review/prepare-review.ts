import { planChunks, type Chunk, type ChunkFileInput } from "../chunk/plan-chunks.js";
import { splitChunk } from "../chunk/split-chunk.js";
import type { RepoConfig } from "../config/repo-config-schema.js";
import { buildLineMap } from "../diff/build-line-map.js";
import { HUNK_FORMAT_NOTE, numberHunks } from "../diff/number-hunks.js";
import { parsePatches } from "../diff/parse-patches.js";
import { combineRedactions, type Redaction } from "../redact/build-redaction.js";
import { redactPatches, type AddedLineSecret } from "../redact/redact-patches.js";
import { redactSecrets } from "../redact/redact-secrets.js";
import { applyReviewBudget, type BudgetSettings, type ModelPrice } from "../files/apply-review-budget.js";
import { applyReviewLimits } from "../files/apply-review-limits.js";
import { filterFiles } from "../files/filter-files.js";
import { assignSnippetsToChanges } from "../context/assign-snippets-to-changes.js";
import type { RelatedCodeSelection, RelatedSnippet } from "../context/types.js";
import type { InstructionFile } from "../instructions/parse-instruction-file.js";
import { selectInstructionFiles } from "../instructions/select-instruction-files.js";
import { buildInstructions } from "../prompt/build-instructions.js";
import { buildReviewPrompt, type PromptFile, type PromptSnippet } from "../prompt/build-review-prompt.js";
import type { TokenCounter } from "../tokens/create-token-counter.js";
import { computePromptBudget, narrowToWindow, type ModelLimits } from "../tokens/resolve-model-limits.js";
import type { ChangedFile, FilePatch, LineMap, SkippedFile } from "../types.js";

export interface PrepareReviewInput {
  title: string;
  body: string;
  /** What a `/review` comment asked the review to focus on (untrusted; redacted like the title and body). */
  focus?: string;
  files: ChangedFile[];
  config: RepoConfig;
  templates: { system: string; user: string };
  countTokens: TokenCounter;
  limits: ModelLimits;
  /** What the whole review may spend; without it, no limit. */
  budget?: BudgetSettings;
  /** The model's price (USD per million tokens), or null when the catalog does not know it. */
  price?: ModelPrice | null;
  /** The repository's instruction files (`.github/copilot-instructions.md`, `.github/instructions/`): each goes only with the files it applies to. */
  instructionFiles?: readonly InstructionFile[];
  /** Gathers related code for the parsed changes (the shell reads the repository); none when absent. */
  relatedCode?: (patches: FilePatch[]) => Promise<RelatedCodeSelection | null>;
}

/** One model request's prompt and the files it covers. */
export interface ReviewPrompt {
  system: string;
  user: string;
  paths: string[];
  /** Prompt tokens as the model's tokenizer counts them (an estimate for models without a public one). */
  inputTokens: number;
  /** The answer limit of this request (smaller once a server stated a small window). */
  maxOutputTokens: number;
  /** The files, hunks and related code it holds, so that it can be split. */
  chunk: Chunk;
}

/** A request split after the server refused it as too long: its parts, and what fits in none even alone. */
export interface SplitPrompt {
  prompts: ReviewPrompt[];
  unfit: SkippedFile[];
}

/** Everything a review sends and needs afterwards; the dry run prints `prompts` as they are. */
export interface PreparedReview {
  patches: FilePatch[];
  lineMap: LineMap;
  skippedFiles: SkippedFile[];
  prompts: ReviewPrompt[];
  /** What was redacted from everything sent (counts by type; the values stay in memory, never logged). */
  redaction: Redaction;
  /** Credentials on added lines: each becomes a finding of its own. */
  committedSecrets: AddedLineSecret[];
  /** The related code sent, as `{path, startLine, endLine, reason, gaps}` (no text), and what the budget cut or left out. */
  relatedCode: { snippets: RelatedCodeRef[]; dropped: { count: number; lines: number }; signaturesOnly: number };
  /** Input tokens of every request, and what they cost at most (answers at their limit); null without a price. */
  planned: { inputTokens: number; maxCostUsd: number | null };
  /** The instruction files that went with at least one request, by path (none of their text). */
  instructionFiles: string[];
  /**
   * Splits a request the server refused as longer than its context window (`window`, the tokens it
   * stated, or null when it did not say) into parts that fit it, each at most half the refused one.
   */
  splitPrompt(prompt: ReviewPrompt, window: number | null): SplitPrompt;
}

export type RelatedCodeRef = Pick<RelatedSnippet, "path" | "startLine" | "endLine" | "reason" | "gaps">;

/**
 * From the changed files to the exact prompts: filter, apply the limits, parse, map commentable
 * lines, redact secrets from everything that would be sent, and split the files into as few
 * requests as fit the model's context window (a file too large for one request is split by
 * hunks; what fits nowhere is named as skipped).
 */
export async function prepareReview(input: PrepareReviewInput): Promise<PreparedReview> {
  const filtered = filterFiles(input.files, input.config);
  const limited = applyReviewLimits(filtered.kept, input.config.limits);
  const { patches: originalPatches, skipped: unparsable } = parsePatches(limited.kept);
  const redactedPatches = await redactPatches(originalPatches);
  const redactedText = await redactSecrets([
    { id: "title", text: input.title },
    { id: "body", text: input.body },
    { id: "focus", text: input.focus ?? "" },
  ]);
  const [title, body, focus] = redactedText.texts.map((entry) => entry.text) as [string, string, string];
  const patches = redactedPatches.patches;
  const selection = input.relatedCode && originalPatches.length > 0 ? await input.relatedCode(originalPatches) : null;
  const redactedSnippets = await redactSecrets((selection?.snippets ?? []).map((snippet, index) => ({ id: `snippet-${index}`, text: snippet.text, path: snippet.path })));
  const snippets: PromptSnippet[] = (selection?.snippets ?? []).map((snippet, index) => ({ ...snippet, text: redactedSnippets.texts[index]?.text ?? "" }));
  const owners = assignSnippetsToChanges(selection?.snippets ?? [], originalPatches.map((patch) => patch.path));
  const skippedBeforePlan = [...filtered.skipped, ...limited.skipped, ...unparsable];
  // Path-scoped instructions go only with the files they name; the empty prompt that sizes the budget carries them all.
  const render = (files: PromptFile[], skipped: SkippedFile[], related: PromptSnippet[] = [], paths: readonly string[] | "all" = files.map((file) => file.path)) =>
    buildReviewPrompt({
      templates: input.templates,
      title,
      body,
      focus,
      files,
      hunkFormat: HUNK_FORMAT_NOTE,
      instructions: buildInstructions(input.config, paths, input.instructionFiles),
      skipped,
      related,
    });

  // Sized with every path-scoped instruction, so that any request's own instructions fit.
  const empty = render([], skippedBeforePlan, [], "all");
  const fixedTokens = input.countTokens(empty.system) + input.countTokens(empty.user);
  const budget = computePromptBudget(input.limits, fixedTokens);
  const byPath = new Map(patches.map((patch) => [patch.path, patch]));
  const fileInputs = new Map<string, ChunkFileInput>(
    patches.map((patch) => [
      patch.path,
      {
        path: patch.path,
        tokens: input.countTokens(promptFile(patch).numberedHunks) + FILE_HEADER_TOKENS,
        hunkTokens: patch.hunks.map((hunk) => input.countTokens(numberHunks({ ...patch, hunks: [hunk] }))),
      },
    ]),
  );
  const snippetInputs = snippets.map((snippet, index) => ({ id: String(index), file: owners[index] ?? snippet.path, tokens: input.countTokens(renderSnippetForCount(snippet)) }));
  const plan = planChunks({ files: [...fileInputs.values()], snippets: snippetInputs, budget: budget.target, limit: budget.limit });
  // Each request costs about its files and snippets plus the fixed parts of the prompt.
  const budgeted = applyReviewBudget({
    requests: plan.chunks.map((chunk) => ({ chunk, paths: chunk.files.map((file) => file.path), inputTokens: chunk.tokens + fixedTokens })),
    settings: input.budget ?? { operatorMaxTokens: Number.POSITIVE_INFINITY },
    price: input.price ?? null,
    maxOutputTokens: input.limits.maxOutputTokens,
  });
  const chunks = budgeted.kept.map((request) => request.chunk);
  const skippedFiles = [
    ...skippedBeforePlan,
    ...plan.skipped,
    ...plan.skippedHunks.map((entry) => ({ path: entry.path, reason: `${entry.hunks.length} hunk(s) not reviewed: ${entry.reason}` })),
    ...budgeted.skipped,
  ];
  const toPrompt = (chunk: Chunk, maxOutputTokens: number): ReviewPrompt => {
    const prompt = render(chunkFiles(chunk, byPath), skippedFiles, chunk.snippetIds.map((id) => snippets[Number(id)]!).filter(Boolean));
    return { ...prompt, paths: chunk.files.map((file) => file.path), inputTokens: input.countTokens(prompt.system) + input.countTokens(prompt.user), maxOutputTokens, chunk };
  };
  const prompts = chunks.map((chunk) => toPrompt(chunk, input.limits.maxOutputTokens));
  const splitPrompt = (prompt: ReviewPrompt, window: number | null): SplitPrompt => {
    const limits = window === null ? input.limits : narrowToWindow(input.limits, window);
    // At most half the refused request, so that every refusal makes progress even where our count of its tokens was low.
    const room = Math.min(computePromptBudget(limits, fixedTokens).limit, Math.floor(prompt.chunk.tokens / 2));
    const split = splitChunk({ chunk: prompt.chunk, files: fileInputs, snippets: snippetInputs, budget: room });
    const server = window === null ? "the server's context window" : `the server's ${window.toLocaleString("en-US")}-token context window`;
    return {
      prompts: split.chunks.map((chunk) => toPrompt(chunk, limits.maxOutputTokens)),
      unfit: split.unfit.map(({ path, hunks }) => ({
        path,
        reason: hunks === null ? `not even one hunk of it fits ${server} with the rest of the prompt` : `hunk${hunks.length === 1 ? "" : "s"} ${hunks.map((hunk) => hunk + 1).join(", ")} not reviewed: too large for ${server} even alone; the rest of the file is reviewed`,
      })),
    };
  };
  return {
    patches,
    lineMap: buildLineMap(originalPatches),
    skippedFiles,
    prompts,
    redaction: combineRedactions(redactedText, redactedPatches, redactedSnippets),
    committedSecrets: redactedPatches.addedLineSecrets,
    relatedCode: {
      snippets: sentSnippets(chunks, snippets),
      dropped: { count: (selection?.dropped.count ?? 0) + plan.droppedSnippetIds.length, lines: selection?.dropped.lines ?? 0 },
      signaturesOnly: selection?.signaturesOnly ?? 0,
    },
    planned: budgeted.planned,
    instructionFiles: selectInstructionFiles(input.instructionFiles ?? [], prompts.flatMap((prompt) => prompt.paths)).map((file) => file.path),
    splitPrompt,
  };
}

function sentSnippets(chunks: Chunk[], snippets: PromptSnippet[]): RelatedCodeRef[] {
  const sent = new Set(chunks.flatMap((chunk) => chunk.snippetIds.map(Number)));
  return snippets.filter((_, index) => sent.has(index)).map(({ path, startLine, endLine, reason, gaps }) => ({ path, startLine, endLine, reason, ...(gaps && { gaps }) }));
}

// A snippet's header and numbered lines, as `buildReviewPrompt` renders it (close enough to budget with).
function renderSnippetForCount(snippet: PromptSnippet): string {
  return `Related: ${snippet.path}:${snippet.startLine}-${snippet.endLine} (${snippet.reason})\n${snippet.text.split("\n").map((line) => `0000 | ${line}`).join("\n")}`;
}

// "File: <path> (<status>)" and the blank line between files.
const FILE_HEADER_TOKENS = 24;

function chunkFiles(chunk: Chunk, byPath: Map<string, FilePatch>): PromptFile[] {
  return chunk.files.flatMap((file) => {
    const patch = byPath.get(file.path);
    if (!patch) return [];
    const hunks = file.hunks;
    return [promptFile(hunks ? { ...patch, hunks: patch.hunks.filter((_, index) => hunks.includes(index)) } : patch)];
  });
}

function promptFile(patch: FilePatch): PromptFile {
  return { path: patch.path, previousPath: patch.previousPath, status: patch.status, numberedHunks: numberHunks(patch) };
}
