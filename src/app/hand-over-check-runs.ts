import { concludeCheckRun } from "../core/progress/conclude-check-run.js";
import { createCheckRunReporter, type AcceptedCheckRun } from "../github/check-run-reporter.js";
import type { GitHubClient } from "../github/github-client.js";
import { showQueuedCheckRun } from "../github/show-queued-check-run.js";
import type { Logger } from "../log.js";
import type { PipelineJob } from "../pipeline/review-pull-request.js";
import type { EnqueueResult } from "./create-review-queue.js";

/** The queued check runs this process showed, from the webhook that accepted a job to the review that runs it. */
export interface CheckRunHandover {
  /** After a webhook's job was queued: shows a queued check run on its commit, without holding up the webhook's answer. */
  accepted(octokit: GitHubClient, job: PipelineJob, result: EnqueueResult, log: Logger): void;
  /** The run shown for `job` when this process accepted it; undefined when another process did (or none was shown). */
  claim(job: PipelineJob): Promise<AcceptedCheckRun> | undefined;
}

// One entry per pull request at most; the cap only guards against runs never claimed (jobs lost before they started).
const MAX_WAITING = 10_000;
const SUPERSEDED = "superseded by a newer commit of the pull request";

/**
 * Keeps, per pull request, the queued check run of its waiting job. A push whose job replaces a
 * waiting one closes the older run as skipped, so no commit keeps a check run queued for ever.
 * Commands get no queued run: their commit is known only once the review reads the pull request.
 */
export function createCheckRunHandover(): CheckRunHandover {
  const waiting = new Map<string, { deliveryId: string; headSha: string; run: Promise<AcceptedCheckRun> }>();
  const prKey = (job: PipelineJob) => `${job.installationId}/${job.owner}/${job.repo}#${job.pullNumber}`;

  return {
    accepted(octokit, job, result, log) {
      if (job.trigger === "command" || job.headSha === null || (result !== "queued" && result !== "replaced")) return;
      const ref = { owner: job.owner, repo: job.repo };
      const ids = { deliveryId: job.deliveryId, owner: job.owner, repo: job.repo, pullNumber: job.pullNumber };
      const earlier = waiting.get(prKey(job));
      if (earlier && earlier.headSha !== job.headSha) {
        const reporter = createCheckRunReporter(octokit, ref, { log, ids: { ...ids, deliveryId: earlier.deliveryId }, accepted: earlier.run });
        void reporter.report(earlier.headSha, concludeCheckRun({ status: "skipped", reason: SUPERSEDED, alreadyReviewed: false }, undefined));
      }
      waiting.delete(prKey(job));
      if (waiting.size >= MAX_WAITING) waiting.delete(waiting.keys().next().value as string);
      waiting.set(prKey(job), { deliveryId: job.deliveryId, headSha: job.headSha, run: showQueuedCheckRun(octokit, ref, { headSha: job.headSha, externalId: job.deliveryId, log, ids }) });
    },
    claim(job) {
      const entry = waiting.get(prKey(job));
      if (!entry || entry.deliveryId !== job.deliveryId) return undefined;
      waiting.delete(prKey(job));
      return entry.run;
    },
  };
}
