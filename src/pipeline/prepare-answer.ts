import { parseRepoConfig } from "../core/config/parse-repo-config.js";
import type { Redaction } from "../core/redact/build-redaction.js";
import { authorText } from "../core/review/merge-description.js";
import { countSentLines } from "../core/audit/build-audit-event.js";
import { prepareReview, type ReviewPrompt } from "../core/review/prepare-review.js";
import { describeModel } from "../core/tokens/describe-model.js";
import { sizeModelRequests } from "../core/tokens/size-model-requests.js";
import type { ModelPrice } from "../core/files/apply-review-budget.js";
import type { ChangedFile } from "../core/types.js";
import type { Logger } from "../log.js";
import { loadBpeCount } from "../tokens/load-bpe-count.js";
import { gatherRelatedCode } from "./gather-related-code.js";
import { loadInstructionFiles } from "./load-instruction-files.js";
import type { PromptTemplates } from "../prompts/load-prompt-templates.js";
import type { ConfigSource, ModelClient, PullRequestSource, RepoReader } from "./ports.js";
import type { SentCounts } from "./review-outcome.js";

/** What every answering command (`/ask`, thread answers) needs to build its one model request. */
export interface AnswerDependencies {
  source: PullRequestSource;
  model: ModelClient;
  templates: PromptTemplates;
  config: ConfigSource;
  defaultModel: string;
  /** PATCHWISE_MODEL_LIGHT: answers are short, so they go to the light model when there is one. */
  lightModel?: string | undefined;
  /** `price`: the operator's (PATCHWISE_MODEL_PRICE), replacing the catalog's in the answer's footer. */
  modelLimits: { maxOutputTokens: number; contextWindow?: number | undefined; price?: ModelPrice | undefined };
  log: Logger;
  signal?: AbortSignal;
  repoReader?: RepoReader;
  githubHost?: string;
}

export interface PreparedAnswer {
  model: string;
  maxOutputTokens: number;
  /** The model's price, for the cost in the footer; null when neither the operator nor the catalog knows it. */
  price: ModelPrice | null;
  prompt: ReviewPrompt;
  redaction: Pick<Redaction, "secrets" | "total" | "counts">;
  /** What the request sends (counts only), for the audit. */
  sent: SentCounts;
  /** Said under the answer when the model saw only part of the pull request. */
  notice?: string;
}

export interface PrepareAnswerInput {
  /** Filled like the review's templates, with the command's text (fenced, redacted) as the focus. */
  templates: { system: string; user: string };
  /** The question or thread, as the user wrote it (untrusted; redacted and capped here). */
  text: string;
  /** Which changed files the answer is about (all when absent). */
  files?: (file: ChangedFile) => boolean;
  ids: object;
}

// An answer is a few paragraphs; the review's output limit is for dozens of findings.
const MAX_ANSWER_TOKENS = 4_000;
const MAX_TEXT_LENGTH = 8_000;

/**
 * The read, redact, related-code and sizing steps of an answer: the repository's configuration
 * (the light model unless it names none), the pull request and its files, related code within the
 * budget, and the first request's worth of prompt. Throws NotAnsweredError when no file can be sent.
 */
export async function prepareAnswer(input: PrepareAnswerInput, deps: AnswerDependencies): Promise<PreparedAnswer> {
  const { config, problems } = parseRepoConfig(await deps.config.loadRepoConfig());
  // As for a review: a key that decides what is sent, or where, never falls back to a wider default.
  const stopping = problems.find((problem) => problem.outcome === "stop");
  if (stopping) throw new NotAnsweredError(`the repository's Patchwise config has an invalid setting that decides what is sent to the model, or where: ${stopping.message}. Fix it on the default branch and ask again`);
  if (problems.length > 0) deps.log.info({ ...input.ids, problems: problems.length }, "configuration problems; answering with the defaults for those keys");
  const model = config.modelLight ?? deps.lightModel ?? config.model ?? deps.defaultModel;
  const pr = await deps.source.getPullRequest();
  const files = (await deps.source.listFiles({ atMost: config.limits.maxFiles })).filter(input.files ?? (() => true));
  const sizing = sizeModelRequests(model, {
    operatorContextWindow: deps.modelLimits.contextWindow,
    repoContextWindow: config.contextWindow,
    maxOutputTokens: Math.min(deps.modelLimits.maxOutputTokens, MAX_ANSWER_TOKENS),
    // PATCHWISE_MODEL_PRICE prices PATCHWISE_MODEL: a light model keeps the catalog's price.
    operatorPrice: model === deps.defaultModel ? deps.modelLimits.price : undefined,
  }, await loadBpeCount(describeModel(model).tokenizer.encoding));
  const relatedCode = deps.repoReader
    ? gatherRelatedCode({ reader: deps.repoReader, ref: pr.headSha, budgetLines: config.relatedCodeLines, log: deps.log, ids: input.ids, ...(deps.signal ? { signal: deps.signal } : {}) })
    : undefined;
  // The same instruction files as the review's, each only where it applies to the files sent.
  const instructions = await loadInstructionFiles(config, deps.config, deps.log, input.ids);
  const prepared = await prepareReview({
    title: pr.title,
    // Patchwise's own generated section is not the author's description.
    body: authorText(pr.body),
    focus: input.text.slice(0, MAX_TEXT_LENGTH),
    files,
    config,
    templates: input.templates,
    instructionFiles: instructions.files,
    ...sizing,
    ...(relatedCode ? { relatedCode } : {}),
  });
  // One answer: from the first request's worth of the pull request, and it says when that was not all of it.
  const prompt = prepared.prompts[0];
  if (!prompt) throw new NotAnsweredError("no changed file of the pull request could be sent to the model (the summary of the latest review lists why)");
  const partial = prepared.prompts.length > 1;
  const sentPaths = new Set(prompt.paths);
  // Counted as the review counts them: the related code selected for the pull request.
  const relatedLines = prepared.relatedCode.snippets.reduce((sum, snippet) => sum + snippet.endLine - snippet.startLine + 1, 0);
  return {
    model,
    maxOutputTokens: sizing.limits.maxOutputTokens,
    price: sizing.price,
    prompt,
    redaction: prepared.redaction,
    sent: { ...countSentLines(prepared.patches.filter((patch) => sentPaths.has(patch.path))), relatedLines },
    ...(partial ? { notice: `This answer saw ${prompt.paths.length} of the pull request's ${prepared.patches.length} changed files; the rest did not fit one request.` } : {}),
  };
}

/** Written to be posted: names schema paths and counts, never the model's or the pull request's text. */
export class NotAnsweredError extends Error {
  override name = "NotAnsweredError";
}
