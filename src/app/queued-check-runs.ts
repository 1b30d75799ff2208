import { concludeCheckRun } from "../core/progress/conclude-check-run.js";
import { createCheckRunReporter, type AcceptedCheckRun } from "../github/check-run-reporter.js";
import type { GitHubClient } from "../github/github-client.js";
import { showQueuedCheckRun } from "../github/show-queued-check-run.js";
import type { Logger } from "../log.js";
import type { PipelineJob } from "../pipeline/review-pull-request.js";
import type { CheckRunClaims } from "./check-run-claims.js";
import type { EnqueueResult } from "./create-review-queue.js";

/** The queued check runs of the jobs this process accepted, from the webhook to the review that runs each. */
export interface QueuedCheckRuns {
  /** After a webhook's job was queued: shows a queued run on its commit, in the background (the webhook's answer never waits). */
  accepted(job: PipelineJob, result: EnqueueResult): void;
  /** A newer push replaced `older` while it waited: its queued run is closed as skipped, or never shown. */
  superseded(older: PipelineJob): void;
  /** The review of `job` starts: the queued run shown for it (null: none, the review shows its own). */
  take(job: PipelineJob): Promise<AcceptedCheckRun>;
}

export interface QueuedCheckRunsOptions {
  /** Claims shared with other processes (the shared queue), or NO_OTHER_PROCESS. */
  claims: CheckRunClaims;
  /** The installation's GitHub client, made when a run is posted: a waiting job holds no client. */
  auth: (installationId: number) => Promise<GitHubClient>;
  log: Logger;
}

// Queued runs created at once; the rest wait as references. They share the installation's paced
// writes with the reviews: with two in flight, a review's write waits behind two of them at most.
const MAX_POSTING = 2;
// Jobs whose run waits to be posted; beyond it the oldest is shown no queued run (its review shows one).
const MAX_WAITING = 10_000;
const SUPERSEDED = "superseded by a newer commit of the pull request";

type Entry = { job: PipelineJob; posted?: Promise<AcceptedCheckRun> };

/**
 * Shows a queued "Patchwise review" run for each accepted push, a few at a time, each with a
 * client made for it. A job's review takes its run over (or, when the run was not posted yet,
 * stops it from being posted and shows its own), so a job shows exactly one run, and a burst of
 * a thousand waiting jobs holds a thousand small references rather than a thousand requests.
 */
export function createQueuedCheckRuns(options: QueuedCheckRunsOptions): QueuedCheckRuns {
  const { claims, log } = options;
  const entries = new Map<string, Entry>();
  const waiting: Entry[] = [];
  let posting = 0;
  const ids = (job: PipelineJob) => ({ deliveryId: job.deliveryId, owner: job.owner, repo: job.repo, pullNumber: job.pullNumber });

  async function show(job: PipelineJob): Promise<AcceptedCheckRun> {
    await claims.reserve(job.deliveryId);
    if (!(await claims.startPosting(job.deliveryId))) return null;
    const octokit = await options.auth(job.installationId!);
    const run = await showQueuedCheckRun(octokit, job, { headSha: job.headSha!, externalId: job.deliveryId, log, ids: ids(job) });
    await claims.publish(job.deliveryId, run);
    return run;
  }

  function post(entry: Entry): void {
    posting++;
    entry.posted = show(entry.job).catch((error: unknown) => {
      log.warn({ ...ids(entry.job), errorType: (error as Error)?.name }, "queued check run not shown; the review shows its own");
      return null;
    });
    void entry.posted.finally(() => {
      posting--;
      next();
    });
  }

  function next(): void {
    while (posting < MAX_POSTING && waiting.length > 0) {
      const entry = waiting.shift()!;
      if (entries.get(entry.job.deliveryId) === entry) post(entry);
    }
  }

  // The entry's run, once it leaves this process's hands: shown, being shown, or (never posted) none here.
  function release(job: PipelineJob): Promise<AcceptedCheckRun> {
    const entry = entries.get(job.deliveryId);
    entries.delete(job.deliveryId);
    if (entry?.posted) return entry.posted;
    // Not posted by this process: maybe by another one (shared queue); the claim stops anyone posting later.
    return claims.take(job.deliveryId).catch(() => null);
  }

  return {
    accepted(job, result) {
      if (job.trigger === "command" || job.headSha === null || job.installationId === null || (result !== "queued" && result !== "replaced")) return;
      if (entries.size >= MAX_WAITING) entries.delete(entries.keys().next().value as string);
      const entry: Entry = { job };
      entries.set(job.deliveryId, entry);
      // With room, the post starts now: the job's review, however soon, takes this run over.
      if (posting < MAX_POSTING) post(entry);
      else waiting.push(entry);
    },
    superseded(older) {
      void release(older).then(async (run) => {
        if (run === null || !("id" in run) || older.installationId === null) return;
        const octokit = await options.auth(older.installationId);
        const reporter = createCheckRunReporter(octokit, older, { log, ids: ids(older), accepted: Promise.resolve(run) });
        await reporter.report(older.headSha!, concludeCheckRun({ status: "skipped", reason: SUPERSEDED, alreadyReviewed: false }, undefined));
      }).catch((error: unknown) => log.warn({ ...ids(older), errorType: (error as Error)?.name }, "superseded check run not closed"));
    },
    take: (job) => (job.trigger === "command" ? Promise.resolve(null) : release(job)),
  };
}
