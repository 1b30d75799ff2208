import { planChunks, type Chunk } from "../chunk/plan-chunks.js";
import type { RepoConfig } from "../config/repo-config-schema.js";
import { buildLineMap } from "../diff/build-line-map.js";
import { HUNK_FORMAT_NOTE, numberHunks } from "../diff/number-hunks.js";
import { parsePatches } from "../diff/parse-patches.js";
import { combineRedactions, type Redaction } from "../redact/build-redaction.js";
import { redactPatches, type AddedLineSecret } from "../redact/redact-patches.js";
import { redactSecrets } from "../redact/redact-secrets.js";
import { applyReviewLimits } from "../files/apply-review-limits.js";
import { filterFiles } from "../files/filter-files.js";
import { buildReviewPrompt, type PromptFile } from "../prompt/build-review-prompt.js";
import type { TokenCounter } from "../tokens/create-token-counter.js";
import { computePromptBudget, type ModelLimits } from "../tokens/resolve-model-limits.js";
import type { ChangedFile, FilePatch, LineMap, SkippedFile } from "../types.js";

export interface PrepareReviewInput {
  title: string;
  body: string;
  files: ChangedFile[];
  config: RepoConfig;
  templates: { system: string; user: string };
  countTokens: TokenCounter;
  limits: ModelLimits;
}

/** One model request's prompt and the files it covers. */
export interface ReviewPrompt {
  system: string;
  user: string;
  paths: string[];
  /** Prompt tokens as the model's tokenizer counts them (an estimate for models without a public one). */
  inputTokens: number;
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
}

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
  ]);
  const [title, body] = redactedText.texts.map((entry) => entry.text) as [string, string];
  const patches = redactedPatches.patches;
  const skippedBeforePlan = [...filtered.skipped, ...limited.skipped, ...unparsable];
  const render = (files: PromptFile[], skipped: SkippedFile[]) =>
    buildReviewPrompt({
      templates: input.templates,
      title,
      body,
      files,
      hunkFormat: HUNK_FORMAT_NOTE,
      instructions: input.config.instructions,
      skipped,
    });

  const empty = render([], skippedBeforePlan);
  const budget = computePromptBudget(input.limits, input.countTokens(empty.system) + input.countTokens(empty.user));
  const byPath = new Map(patches.map((patch) => [patch.path, patch]));
  const plan = planChunks({
    files: patches.map((patch) => ({
      path: patch.path,
      tokens: input.countTokens(promptFile(patch).numberedHunks) + FILE_HEADER_TOKENS,
      hunkTokens: patch.hunks.map((hunk) => input.countTokens(numberHunks({ ...patch, hunks: [hunk] }))),
    })),
    snippets: [],
    budget,
  });
  const skippedFiles = [
    ...skippedBeforePlan,
    ...plan.skipped,
    ...plan.skippedHunks.map((entry) => ({ path: entry.path, reason: `${entry.hunks.length} hunk(s) not reviewed: ${entry.reason}` })),
  ];
  const prompts = plan.chunks.map((chunk) => {
    const prompt = render(chunkFiles(chunk, byPath), skippedFiles);
    return { ...prompt, paths: chunk.files.map((file) => file.path), inputTokens: input.countTokens(prompt.system) + input.countTokens(prompt.user) };
  });
  return {
    patches,
    lineMap: buildLineMap(originalPatches),
    skippedFiles,
    prompts,
    redaction: combineRedactions(redactedText, redactedPatches),
    committedSecrets: redactedPatches.addedLineSecrets,
  };
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
