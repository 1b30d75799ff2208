import { parseRepoConfig } from "../core/config/parse-repo-config.js";
import { fenceUntrusted } from "../core/prompt/fence-untrusted.js";
import { buildAskJsonSchema, askAnswerSchema } from "../core/review/ask-schema.js";
import { parseModelJson } from "../core/review/parse-model-json.js";
import { prepareReview } from "../core/review/prepare-review.js";
import { renderEarlierFindings } from "../core/review/render-earlier-findings.js";
import { answerMarker, renderQuestionAnswer } from "../core/review/render-question-answer.js";
import { describeModel } from "../core/tokens/describe-model.js";
import { sizeModelRequests } from "../core/tokens/size-model-requests.js";
import { readAskQuestion } from "../core/triggers/decide-trigger.js";
import { guardPostedText } from "../core/sanitize/guard-posted-text.js";
import type { Logger } from "../log.js";
import type { PromptTemplates } from "../prompts/load-prompt-templates.js";
import { loadBpeCount } from "../tokens/load-bpe-count.js";
import { describeFailure } from "./describe-failure.js";
import { gatherRelatedCode } from "./gather-related-code.js";
import type { ConfigSource, ConversationPort, ModelClient, PullRequestSource, RepoReader, ReviewPublisher } from "./ports.js";
import type { PipelineJob } from "./review-outcome.js";

export interface AnswerQuestionDependencies {
  source: PullRequestSource;
  conversation: ConversationPort;
  /** Patchwise's earlier inline comments: the findings the answer can refer to. */
  publisher: Pick<ReviewPublisher, "listOwnComments">;
  config: ConfigSource;
  model: ModelClient;
  defaultModel: string;
  /** PATCHWISE_MODEL_LIGHT: answers are short, so they go to the light model when there is one. */
  lightModel?: string | undefined;
  modelLimits: { maxOutputTokens: number; contextWindow?: number | undefined };
  templates: PromptTemplates;
  log: Logger;
  signal?: AbortSignal;
  repoReader?: RepoReader;
  githubHost?: string;
}

export type AnswerResult = { status: "answered"; url: string } | { status: "skipped"; reason: string } | { status: "failed"; stage: string; reason: string };

const SCHEMA_NAME = "submit_answer";
const MAX_QUESTION_LENGTH = 4_000;
// An answer is a few paragraphs; the review's output limit is for dozens of findings.
const MAX_ANSWER_TOKENS = 4_000;
const MAX_ERRORS = 5;

/**
 * `/ask <question>`: one answer comment grounded in the pull request (its diff, related code and
 * the standing findings), from the light model when one is configured. The question is read again
 * from GitHub and sent as fenced data. It never throws: a failure is answered with what failed.
 */
export async function answerQuestion(job: PipelineJob, deps: AnswerQuestionDependencies): Promise<AnswerResult> {
  const ids = { deliveryId: job.deliveryId, owner: job.owner, repo: job.repo, pullNumber: job.pullNumber };
  const commentId = job.command?.commentId;
  if (commentId === undefined) return { status: "skipped", reason: "the job names no comment" };
  const marker = answerMarker(commentId);
  let stage = "reading the question";
  try {
    const question = readAskQuestion((await deps.conversation.readComment(commentId)) ?? "");
    if (question === null) return skipped(deps.log, ids, "the comment no longer asks a question");

    stage = "reading the repository configuration";
    const { config, problems } = parseRepoConfig(await deps.config.loadRepoConfig());
    // An invalid key falls back to its default here: an answer changes nothing that a wrong setting could make unsafe.
    if (problems.length > 0) deps.log.info({ ...ids, problems: problems.length }, "configuration problems; answering with the defaults for those keys");
    const model = config.modelLight ?? deps.lightModel ?? config.model ?? deps.defaultModel;

    stage = "reading the pull request";
    const pr = await deps.source.getPullRequest();
    const files = await deps.source.listFiles({ atMost: config.limits.maxFiles });
    const standing = renderEarlierFindings(await deps.publisher.listOwnComments());
    const templates = deps.templates.ask;
    if (!templates) throw new Error("the /ask prompt templates are not loaded");
    const sizing = sizeModelRequests(model, {
      operatorContextWindow: deps.modelLimits.contextWindow,
      repoContextWindow: config.contextWindow,
      maxOutputTokens: Math.min(deps.modelLimits.maxOutputTokens, MAX_ANSWER_TOKENS),
    }, await loadBpeCount(describeModel(model).tokenizer.encoding));
    const relatedCode = deps.repoReader
      ? gatherRelatedCode({ reader: deps.repoReader, ref: pr.headSha, budgetLines: config.relatedCodeLines, log: deps.log, ids, ...(deps.signal ? { signal: deps.signal } : {}) })
      : undefined;
    const prepared = await prepareReview({
      title: pr.title,
      body: pr.body,
      focus: question.slice(0, MAX_QUESTION_LENGTH),
      files,
      config,
      templates,
      ...sizing,
      ...(relatedCode ? { relatedCode } : {}),
    });
    // One answer: from the first request's worth of the pull request, and the answer says when that was not all of it.
    const prompt = prepared.prompts[0];
    if (!prompt) throw new NotAnsweredError("no changed file of the pull request could be sent to the model (the summary of the latest review lists why)");
    const notice = prepared.prompts.length > 1 ? `This answer saw ${prompt.paths.length} of the pull request's ${prepared.patches.length} changed files; the rest did not fit one request.` : undefined;
    const user = `${prompt.user}\n\nFindings of Patchwise's latest review that still stand:\n${fenceUntrusted("earlier-findings", standing)}`;

    stage = "asking the model";
    deps.signal?.throwIfAborted();
    const response = await deps.model.complete(
      { model, system: prompt.system, user, schema: buildAskJsonSchema(), schemaName: SCHEMA_NAME, maxOutputTokens: sizing.limits.maxOutputTokens },
      deps.signal,
    );
    const parsed = parseModelJson(askAnswerSchema, response.content, MAX_ERRORS);
    if (!parsed.ok) throw new NotAnsweredError(`the model's answer did not match the answer schema (${parsed.errors.slice(0, 3).join("; ")})`);
    deps.log.info({ ...ids, inputTokens: response.usage.inputTokens, outputTokens: response.usage.outputTokens }, "question answered");

    stage = "posting the answer";
    deps.signal?.throwIfAborted();
    const body = renderQuestionAnswer({
      answer: parsed.answer.answer,
      redaction: prepared.redaction,
      githubHost: deps.githubHost ?? "github.com",
      model: response.model,
      provider: deps.model.provider,
      tokens: { input: response.usage.inputTokens, output: response.usage.outputTokens },
      ...(notice ? { notice } : {}),
    }, commentId);
    const posted = await deps.conversation.postComment(guardPostedText(body), marker);
    return { status: "answered", url: posted.url };
  } catch (error) {
    if (deps.signal?.aborted) return skipped(deps.log, ids, "stopped before the answer was posted");
    const reason = error instanceof NotAnsweredError ? error.message : describeFailure(error);
    deps.log.warn({ ...ids, stage, reason }, "question not answered");
    try {
      await deps.conversation.postComment(guardPostedText(`Patchwise could not answer this question (${stage}): ${reason}\n${marker}`), marker);
    } catch (postError) {
      deps.log.error({ ...ids, error: describeFailure(postError) }, "could not post that the question was not answered");
    }
    return { status: "failed", stage, reason };
  }
}

// Written to be posted: names schema paths and counts, never the model's or the pull request's text.
class NotAnsweredError extends Error {
  override name = "NotAnsweredError";
}

function skipped(log: Logger, ids: object, reason: string): AnswerResult {
  log.info({ ...ids, reason }, "question skipped");
  return { status: "skipped", reason };
}
