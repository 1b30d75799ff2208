import { describePullRequest, type DescribeDependencies } from "./describe-pull-request.js";
import { readConfigOnce } from "./read-config-once.js";
import { reviewPullRequest, type ReviewDependencies, type PipelineJob, type ReviewOutcome } from "./review-pull-request.js";
import type { AnswerResult } from "./run-answer.js";

/**
 * The review of a job, then, for a newly opened pull request, its description where the
 * repository asks for one (`describe: auto`, which `describePullRequest` reads): both read the
 * configuration once. A review that was stopped (its deadline, a newer commit, shutdown) takes its
 * description with it. `description` is null when none was attempted.
 */
export async function reviewAndDescribe(
  job: PipelineJob,
  deps: ReviewDependencies,
  describing: Omit<DescribeDependencies, "config">,
): Promise<{ review: ReviewOutcome; description: AnswerResult | null }> {
  const opened = job.trigger === "opened" ? readConfigOnce(deps.config) : null;
  const review = await reviewPullRequest(job, { ...deps, config: opened ?? deps.config });
  const description = opened && !deps.signal?.aborted ? await describePullRequest(job, { ...describing, config: opened }) : null;
  return { review, description };
}
