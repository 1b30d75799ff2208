import type { Logger } from "../log.js";
import type { AcceptedCheckRun } from "./check-run-reporter.js";
import { ensureCheckRun } from "./ensure-check-run.js";
import type { GitHubClient, PullRequestRef } from "./github-client.js";

export interface QueuedCheckRunRequest {
  headSha: string;
  /** The job's delivery id: lets a worker in another process find the run again. */
  externalId: string;
  log: Logger;
  ids?: object;
  /** Wait before looking for the run after a create answered with a 5xx (default 2 s). */
  retryDelayMs?: number;
}

/**
 * Shows a queued "Patchwise review" check run on the head commit as soon as a job is accepted.
 * It never throws: a refused call (no `checks: write` yet) is logged, and the review goes on without one.
 */
export async function showQueuedCheckRun(octokit: GitHubClient, ref: Pick<PullRequestRef, "owner" | "repo">, request: QueuedCheckRunRequest): Promise<Exclude<AcceptedCheckRun, null>> {
  try {
    const id = await ensureCheckRun(octokit, ref, {
      headSha: request.headSha,
      externalId: request.externalId,
      fields: { status: "queued", output: { title: "Queued", summary: "Waiting for its turn in Patchwise's review queue." } },
      retryDelayMs: request.retryDelayMs,
    });
    return { id };
  } catch (error) {
    const status = (error as { status?: unknown })?.status;
    request.log.warn(
      { ...request.ids, action: "queued", status: typeof status === "number" ? status : undefined, errorType: (error as Error)?.name },
      "check run not created; the review goes on without one (does the App have the checks: write permission?)",
    );
    return { unavailable: true };
  }
}
