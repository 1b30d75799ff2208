import { answerQuestion, type AnswerQuestionDependencies } from "./answer-question.js";
import { answerThread, type AnswerThreadDependencies } from "./answer-thread.js";
import { describePullRequest, type DescribeDependencies } from "./describe-pull-request.js";
import type { ReviewThread } from "./ports.js";
import type { PipelineJob } from "./review-outcome.js";
import type { AnswerResult } from "./run-answer.js";

/** What any answering command may need: each pipeline takes its part. */
export type AnswerCommandDependencies = AnswerQuestionDependencies & AnswerThreadDependencies & DescribeDependencies;

/**
 * The pipeline of an answering command, the same in the App and the Action: `/ask`, a reply in
 * one of Patchwise's threads (`thread`, which the shell reads before the access check, so that a
 * reply in anyone else's thread costs nothing more) or `/describe`. Null for a job that is a review.
 */
export function answerCommand(job: PipelineJob, thread: ReviewThread | undefined, deps: AnswerCommandDependencies): Promise<AnswerResult> | null {
  switch (job.command?.name) {
    case "ask":
      return answerQuestion(job, deps);
    case "describe":
      return describePullRequest(job, deps);
    case "thread":
      if (!thread) throw new Error("a thread reply is answered only once its thread was read");
      return answerThread(job, thread, deps);
    default:
      return null;
  }
}
