import { readFile } from "node:fs/promises";
import { acknowledgeCommand } from "../github/acknowledge-command.js";
import { createCheckRunReporter } from "../github/check-run-reporter.js";
import { decideTrigger } from "../core/triggers/decide-trigger.js";
import { parseWebhookEvent } from "../core/triggers/webhook-event-schema.js";
import { readEnv } from "../env.js";
import { createCommandAccess } from "../github/command-access.js";
import { authorizeCommand } from "../pipeline/authorize-command.js";
import { answerQuestion } from "../pipeline/answer-question.js";
import type { AnswerResult } from "../pipeline/run-answer.js";
import { createPullRequestConversation } from "../github/pull-request-conversation.js";
import { createOctokitClass } from "../github/create-octokit-class.js";
import { createGitHubPorts } from "../github/create-github-ports.js";
import type { GitHubClient } from "../github/github-client.js";
import { createRepoConfigSource } from "../github/repo-config-source.js";
import { createGitHubRepoReader } from "../repo/create-github-repo-reader.js";
import type { Logger } from "../log.js";
import type { PromptTemplates } from "../prompts/load-prompt-templates.js";
import type { ModelClient } from "../pipeline/ports.js";
import { reviewPullRequest, type ReviewOutcome } from "../pipeline/review-pull-request.js";
import { createModelClient, type ModelClientSettings } from "../providers/create-model-client.js";
import { createWindowProbe, withWindowProbe } from "../providers/create-window-probe.js";
import { DEFAULT_MODELS } from "../providers/default-models.js";
import type { ActionInputs } from "./read-action-inputs.js";

export interface ActionContext {
  inputs: ActionInputs;
  /** The review templates and, for repositories with `verify: true`, the verify pass's. */
  templates: PromptTemplates;
  log: Logger;
  createModel?: (settings: ModelClientSettings) => ModelClient;
}

export type ActionResult = { exitCode: 0 | 1; outcome: ReviewOutcome | AnswerResult | { status: "ignored"; reason: string } };

// Reviews posted with the workflow's GITHUB_TOKEN are authored by this account.
const ACTIONS_BOT = "github-actions[bot]";

/** The Action shell: the workflow's event → the same job and pipeline as the App. */
export async function runAction(context: ActionContext): Promise<ActionResult> {
  const { inputs, log } = context;
  if (inputs.eventName !== "pull_request" && inputs.eventName !== "issue_comment") {
    return ignored(log, `event "${inputs.eventName}" is not handled; run the action on pull_request or issue_comment`);
  }
  const payload: unknown = JSON.parse(await readFile(inputs.eventPath, "utf8"));
  const parsed = parseWebhookEvent(inputs.eventName, payload, `actions-run-${inputs.runId}`);
  if (!parsed.ok) throw new Error(`the event payload is not what a ${inputs.eventName} event holds: ${parsed.error}`);
  const decision = decideTrigger(parsed.event);
  if ("skip" in decision) return ignored(log, decision.skip);

  const env = readEnv(inputs.modelEnv);
  const model = (context.createModel ?? createModelClient)({ ...env.model });
  const OctokitClass = createOctokitClass(undefined, { log });
  const octokit = new OctokitClass({ auth: { token: inputs.token }, baseUrl: inputs.apiUrl }) as unknown as GitHubClient;
  const { job } = decision;
  const ref = { owner: job.owner, repo: job.repo, pullNumber: job.pullNumber };
  const { source, publisher } = createGitHubPorts(octokit, ref, { botLogin: ACTIONS_BOT });
  const config = createRepoConfigSource(octokit, ref, inputs.configPath);
  // On a public repository anyone may comment, and the workflow run spends the owner's model key.
  const access = await authorizeCommand(job, { access: createCommandAccess(octokit, ref), config, log });
  if (!access.allowed) return ignored(log, `/review refused: ${access.reason}`);
  if (job.command) await acknowledgeCommand(octokit, ref, job.command.commentId, log, { runId: inputs.runId });
  const defaultModel = env.model.model ?? DEFAULT_MODELS[env.model.provider];
  if (job.command?.name === "ask") {
    const answer = await answerQuestion(job, {
      source,
      publisher,
      config,
      conversation: createPullRequestConversation(octokit, ref, { botLogin: ACTIONS_BOT }),
      githubHost: inputs.githubHost,
      model,
      defaultModel,
      lightModel: env.model.modelLight,
      modelLimits: { maxOutputTokens: env.model.maxOutputTokens, contextWindow: env.model.contextWindow },
      templates: context.templates,
      log,
      repoReader: createGitHubRepoReader(octokit, ref),
    });
    return { exitCode: answer.status === "failed" ? 1 : 0, outcome: answer };
  }
  const outcome = await reviewPullRequest(job, {
    source,
    publisher,
    config,
    githubHost: inputs.githubHost,
    model,
    defaultModel,
    lightModel: env.model.modelLight,
    fallbackModels: env.model.fallbackModels,
    modelLimits: { maxOutputTokens: env.model.maxOutputTokens, contextWindow: env.model.contextWindow, concurrency: env.model.concurrency, requestTokens: env.model.requestTokens, maxReviewTokens: env.model.maxReviewTokens, maxReviewCostUsd: env.model.maxReviewCostUsd, price: env.model.price },
    templates: context.templates,
    log,
    ...withWindowProbe(createWindowProbe({ provider: env.model.provider, baseUrl: env.model.openaiBaseUrl, log })),
    repoReader: createGitHubRepoReader(octokit, ref),
    // GITHUB_TOKEN may create check runs when the workflow grants `checks: write`; without it the review goes on.
    progress: createCheckRunReporter(octokit, ref, { log, ids: { runId: inputs.runId } }),
    ...(inputs.failOn ? { failOn: inputs.failOn } : {}),
  });
  if (outcome.status === "failed") return { exitCode: 1, outcome };
  // The same rule as the check run's `failure`: the input, else the repository's `failOn`.
  const failed = outcome.status === "posted" && outcome.failing;
  return { exitCode: failed ? 1 : 0, outcome };
}

function ignored(log: Logger, reason: string): ActionResult {
  log.info({ reason }, "no review for this event");
  return { exitCode: 0, outcome: { status: "ignored", reason } };
}
