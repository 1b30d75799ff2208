import { CHECK_RUN_NAME } from "../core/progress/check-run-update.js";
import type { GitHubClient, PullRequestRef } from "./github-client.js";
import { listCheckRuns } from "./list-check-runs.js";
import { writeOnce } from "./write-once.js";

type CreateParameters = NonNullable<Parameters<GitHubClient["rest"]["checks"]["create"]>[0]>;

/** What a new run shows (status, conclusion, output); its name, commit and external id are ensureCheckRun's. */
export type CheckRunFields = Omit<CreateParameters, "owner" | "repo" | "name" | "head_sha" | "external_id">;

export interface EnsureCheckRunRequest {
  headSha: string;
  /** Unique to the review run: how a create that failed is found, if GitHub made the run anyway. */
  externalId: string;
  fields: CheckRunFields;
  /** Wait before looking for the run after a create answered with a 5xx (default 2 s). */
  retryDelayMs?: number;
}

/**
 * Creates a review run's "Patchwise review" check run on its commit, and never a second one: a
 * create answered with a 5xx is looked for by its external id before it is sent again, so a run
 * GitHub made anyway is the one the review goes on to update, not one left in progress for ever.
 */
export async function ensureCheckRun(octokit: GitHubClient, ref: Pick<PullRequestRef, "owner" | "repo">, request: EnsureCheckRunRequest): Promise<number> {
  const repo = { owner: ref.owner, repo: ref.repo };
  const run = await writeOnce(
    async (retries) => (await octokit.rest.checks.create({ ...repo, name: CHECK_RUN_NAME, head_sha: request.headSha, external_id: request.externalId, ...request.fields, request: retries })).data,
    async () => (await listCheckRuns(octokit, repo, request.headSha)).find((each) => each.external_id === request.externalId),
    { retryDelayMs: request.retryDelayMs },
  );
  return run.id;
}
