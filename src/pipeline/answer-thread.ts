import { DISMISSED_MARKER } from "../core/review/render-question-answer.js";
import { renderThreadText } from "../core/review/render-thread-text.js";
import { buildThreadAnswerJsonSchema, threadAnswerSchema } from "../core/review/thread-answer-schema.js";
import type { ReviewThread, ReviewThreadPort } from "./ports.js";
import { prepareAnswer, type AnswerDependencies } from "./prepare-answer.js";
import { renderAnswer, requestAnswer } from "./request-answer.js";
import type { PipelineJob } from "./review-outcome.js";
import { runAnswer, type AnswerResult } from "./run-answer.js";

export interface AnswerThreadDependencies extends AnswerDependencies {
  threads: Pick<ReviewThreadPort, "reply">;
}

const DISMISSED_NOTE = "Patchwise will not raise this finding again on later pushes.";

/**
 * A reply in one of Patchwise's review threads: one answer in that thread, grounded in the thread,
 * the commented file's changes and related code. When the answer concludes that the finding does
 * not hold, it says so and carries the dismissal marker, which later reviews read as they read a
 * 👎. The shell reads `thread` first (and answers nothing outside Patchwise's threads). Never throws.
 */
export function answerThread(job: PipelineJob, thread: ReviewThread, deps: AnswerThreadDependencies): Promise<AnswerResult> {
  const ids = { deliveryId: job.deliveryId, owner: job.owner, repo: job.repo, pullNumber: job.pullNumber };
  return runAnswer(job, { log: deps.log, signal: deps.signal, post: (body, marker) => deps.threads.reply(thread.id, body, marker) }, async (_replyId, progress) => {
    const templates = deps.templates.thread;
    if (!templates) throw new Error("the thread prompt templates are not loaded");
    progress.stage = "reading the pull request";
    const location = `The thread is on ${thread.path}${thread.line === null ? "" : `, line ${thread.line}`}.`;
    const prepared = await prepareAnswer({ templates, text: `${location}\n\n${renderThreadText(thread.comments)}`, files: (file) => file.path === thread.path, ids }, deps);

    progress.stage = "asking the model";
    const asked = await requestAnswer(deps.model, prepared, {
      schema: threadAnswerSchema,
      jsonSchema: buildThreadAnswerJsonSchema(),
      schemaName: "submit_thread_answer",
      signal: deps.signal,
      progress,
    });
    const dismissed = asked.answer.verdict === "does not hold";
    deps.log.info({ ...ids, ...asked.usage, verdict: asked.answer.verdict }, "thread answered");
    return renderAnswer(asked.answer.answer, asked, prepared, {
      provider: deps.model.provider,
      githubHost: deps.githubHost,
      ...(dismissed ? { notice: DISMISSED_NOTE, markers: [DISMISSED_MARKER] } : {}),
    });
  });
}
