import { parseRepoConfig } from "../core/config/parse-repo-config.js";
import { buildDescribeJsonSchema, describeAnswerSchema } from "../core/review/describe-schema.js";
import { mergeDescription } from "../core/review/merge-description.js";
import { renderDescription } from "../core/review/render-description.js";
import type { ConversationPort, DescriptionPort } from "./ports.js";
import { prepareAnswer, type AnswerDependencies } from "./prepare-answer.js";
import { requestAnswer } from "./request-answer.js";
import type { PipelineJob } from "./review-outcome.js";
import { runAnswer, type AnswerResult } from "./run-answer.js";

export interface DescribeDependencies extends AnswerDependencies {
  description: DescriptionPort;
  /** Where a failed `/describe` is told; an automatic run fails quietly (logged). */
  conversation: Pick<ConversationPort, "postComment">;
}

/**
 * `/describe` (and `describe: auto` on a newly opened pull request): writes a generated section
 * (what and why, the risk, a walkthrough per file) into the description. The author's text stays
 * word for word above it, a second run replaces its own section, and only the body is sent.
 * Never throws.
 */
export function describePullRequest(job: PipelineJob, deps: DescribeDependencies): Promise<AnswerResult> {
  const ids = { deliveryId: job.deliveryId, owner: job.owner, repo: job.repo, pullNumber: job.pullNumber };
  const requested = job.command?.name === "describe";
  const options = {
    log: deps.log,
    signal: deps.signal,
    markerId: job.command?.commentId ?? job.pullNumber,
    // Read again just before writing: an edit made while the model worked is kept.
    post: async (section: string) => deps.description.write(mergeDescription(await deps.description.read(), section)),
    postFailure: requested ? (body: string, marker: string) => deps.conversation.postComment(body, marker) : null,
  };
  return runAnswer(job, options, async (_id, progress) => {
    const templates = deps.templates.describe;
    if (!templates) throw new Error("the /describe prompt templates are not loaded");
    progress.stage = "reading the repository configuration";
    // Asked before anything else is read: most repositories leave it off, and an opened pull request costs them nothing.
    if (!requested && parseRepoConfig(await deps.config.loadRepoConfig()).config.describe !== "auto") return { skip: "describe is not auto in .github/patchwise.yml" };
    progress.stage = "reading the pull request";
    const prepared = await prepareAnswer({ templates, text: "", ids }, deps);

    progress.stage = "asking the model";
    const asked = await requestAnswer(deps.model, prepared, {
      schema: describeAnswerSchema,
      jsonSchema: buildDescribeJsonSchema(),
      schemaName: "submit_description",
      signal: deps.signal,
      progress,
    });
    deps.log.info({ ...ids, ...asked.usage }, "description written");
    return renderDescription(asked.answer, {
      redaction: prepared.redaction,
      githubHost: deps.githubHost ?? "github.com",
      model: asked.model,
      provider: deps.model.provider,
      tokens: { input: asked.usage.inputTokens, output: asked.usage.outputTokens },
      price: prepared.price,
    });
  });
}
