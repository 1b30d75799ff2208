import { readEnv, type PatchwiseEnv } from "../env.js";
import { createCommandAccess } from "../github/command-access.js";
import { createGitHubPorts } from "../github/create-github-ports.js";
import { createOctokitClass } from "../github/create-octokit-class.js";
import type { GitHubClient, PullRequestRef } from "../github/github-client.js";
import { createPullRequestConversation } from "../github/pull-request-conversation.js";
import { createPullRequestDescription } from "../github/pull-request-description.js";
import { createRepoConfigSource } from "../github/repo-config-source.js";
import { createReviewThreads } from "../github/review-threads.js";
import type { AnswerCommandDependencies } from "../pipeline/answer-command.js";
import type { CommandAccessPort, ReviewPublisher, ReviewThreadPort } from "../pipeline/ports.js";
import type { PipelineJob } from "../pipeline/review-outcome.js";
import { createModelClient } from "../providers/create-model-client.js";
import { DEFAULT_MODELS } from "../providers/default-models.js";
import { createGitHubRepoReader } from "../repo/create-github-repo-reader.js";
import type { ActionContext } from "./run-action.js";

// Comments posted with the workflow's GITHUB_TOKEN are authored by this account: Patchwise's threads in the Action are its.
const ACTIONS_BOT = "github-actions[bot]";

/** What one run of the Action works with: the workflow's token on the event's pull request, the model, and the ports every pipeline takes. */
export interface ActionSession {
  octokit: GitHubClient;
  ref: PullRequestRef;
  env: PatchwiseEnv;
  access: CommandAccessPort;
  threads: ReviewThreadPort;
  /** The ports and settings of the answering commands; the review takes them too. */
  answering: AnswerCommandDependencies & { publisher: ReviewPublisher };
}

/** Builds the session of a job: the model settings checked as the App's are, the repository's config at the `config-path` input. */
export function openActionSession(context: ActionContext, job: PipelineJob): ActionSession {
  const { inputs, log } = context;
  const env = readEnv(inputs.modelEnv);
  const model = (context.createModel ?? createModelClient)({ ...env.model });
  const OctokitClass = createOctokitClass(undefined, { log });
  const octokit = new OctokitClass({ auth: { token: inputs.token }, baseUrl: inputs.apiUrl }) as unknown as GitHubClient;
  const ref = { owner: job.owner, repo: job.repo, pullNumber: job.pullNumber };
  const { source, publisher } = createGitHubPorts(octokit, ref, { botLogin: ACTIONS_BOT });
  const threads = createReviewThreads(octokit, ref, { botLogin: ACTIONS_BOT });
  return {
    octokit,
    ref,
    env,
    access: createCommandAccess(octokit, ref),
    threads,
    answering: {
      source,
      publisher,
      threads,
      conversation: createPullRequestConversation(octokit, ref, { botLogin: ACTIONS_BOT }),
      description: createPullRequestDescription(octokit, ref),
      config: createRepoConfigSource(octokit, ref, inputs.configPath),
      githubHost: inputs.githubHost,
      model,
      defaultModel: env.model.model ?? DEFAULT_MODELS[env.model.provider],
      lightModel: env.model.modelLight,
      modelLimits: { maxOutputTokens: env.model.maxOutputTokens, contextWindow: env.model.contextWindow, price: env.model.price },
      templates: context.templates,
      log,
      repoReader: createGitHubRepoReader(octokit, ref),
    },
  };
}
