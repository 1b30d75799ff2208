import { fenceUntrusted } from "../core/prompt/fence-untrusted.js";
import { askAnswerSchema, buildAskJsonSchema } from "../core/review/ask-schema.js";
import { renderEarlierFindings } from "../core/review/render-earlier-findings.js";
import { readAskQuestion } from "../core/triggers/decide-trigger.js";
import type { ConversationPort, ReviewPublisher } from "./ports.js";
import { prepareAnswer, type AnswerDependencies } from "./prepare-answer.js";
import { renderAnswer, requestAnswer } from "./request-answer.js";
import type { PipelineJob } from "./review-outcome.js";
import { runAnswer, type AnswerResult } from "./run-answer.js";

export type { AnswerResult } from "./run-answer.js";

export interface AnswerQuestionDependencies extends AnswerDependencies {
  conversation: ConversationPort;
  /** Patchwise's earlier inline comments: the findings the answer can refer to. */
  publisher: Pick<ReviewPublisher, "listOwnComments">;
}

/**
 * `/ask <question>`: one answer comment grounded in the pull request (its diff, related code and
 * the standing findings), from the light model when one is configured. The question is read again
 * from GitHub and sent as fenced data. It never throws: a failure is answered with what failed.
 */
export function answerQuestion(job: PipelineJob, deps: AnswerQuestionDependencies): Promise<AnswerResult> {
  const ids = { deliveryId: job.deliveryId, owner: job.owner, repo: job.repo, pullNumber: job.pullNumber };
  return runAnswer(job, { log: deps.log, signal: deps.signal, post: (body, marker) => deps.conversation.postComment(body, marker) }, async (commentId, progress) => {
    const question = readAskQuestion((await deps.conversation.readComment(commentId)) ?? "");
    if (question === null) return { skip: "the comment no longer asks a question" };
    const templates = deps.templates.ask;
    if (!templates) throw new Error("the /ask prompt templates are not loaded");

    progress.stage = "reading the pull request";
    const prepared = await prepareAnswer({ templates, text: question, ids }, deps);
    const standing = renderEarlierFindings(await deps.publisher.listOwnComments());

    progress.stage = "asking the model";
    const asked = await requestAnswer(deps.model, prepared, {
      extraUser: `Findings of Patchwise's latest review that still stand:\n${fenceUntrusted("earlier-findings", standing)}`,
      schema: askAnswerSchema,
      jsonSchema: buildAskJsonSchema(),
      schemaName: "submit_answer",
      signal: deps.signal,
      progress,
    });
    deps.log.info({ ...ids, ...asked.usage }, "question answered");
    return renderAnswer(asked.answer.answer, asked, prepared, { provider: deps.model.provider, githubHost: deps.githubHost });
  });
}
