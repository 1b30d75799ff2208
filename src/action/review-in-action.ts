import { createCheckRunReporter } from "../github/check-run-reporter.js";
import { reviewAndDescribe } from "../pipeline/review-and-describe.js";
import type { PipelineJob } from "../pipeline/review-outcome.js";
import { createWindowProbe, withWindowProbe } from "../providers/create-window-probe.js";
import type { ActionSession } from "./open-action-session.js";
import type { ActionContext, ActionResult } from "./run-action.js";

/**
 * The review of the Action's job, and on `opened` the description where the repository asks for
 * it (`describe: auto`), as in the App. The step fails when the review fails or a finding reaches
 * fail-on; a description that fails is told in the log only, as an automatic one is in the App.
 */
export async function reviewInAction(job: PipelineJob, session: ActionSession, context: ActionContext): Promise<ActionResult> {
  const { inputs, log } = context;
  const { env, octokit, ref, answering } = session;
  const { review, description } = await reviewAndDescribe(
    job,
    {
      ...answering,
      fallbackModels: env.model.fallbackModels,
      modelLimits: { ...answering.modelLimits, concurrency: env.model.concurrency, requestTokens: env.model.requestTokens, maxReviewTokens: env.model.maxReviewTokens, maxReviewCostUsd: env.model.maxReviewCostUsd },
      ...withWindowProbe(createWindowProbe({ provider: env.model.provider, baseUrl: env.model.openaiBaseUrl, log })),
      // GITHUB_TOKEN may create check runs when the workflow grants `checks: write`; without it the review goes on.
      progress: createCheckRunReporter(octokit, ref, { log, ids: { runId: inputs.runId } }),
      ...(inputs.failOn ? { failOn: inputs.failOn } : {}),
    },
    answering,
  );
  if (description) log.info({ runId: inputs.runId, description: description.status }, "describe: auto finished");
  if (review.status === "failed") return { exitCode: 1, outcome: review };
  // The same rule as the check run's `failure`: the input, else the repository's `failOn`.
  const failed = review.status === "posted" && review.failing;
  return { exitCode: failed ? 1 : 0, outcome: review };
}
