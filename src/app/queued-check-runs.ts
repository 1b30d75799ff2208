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
  /** Shutdown dropped `job` while it waited: its queued run, if shown, is closed as not reviewed. */
  dropped(job: PipelineJob): Promise<void>;
}

export interface QueuedCheckRunsOptions {
  /** Claims shared with other processes (the shared queue), or NO_OTHER_PROCESS. */
  claims: CheckRunClaims;
  /** The installation's GitHub client, made when a run is posted: a waiting job holds no client. */
  auth: (installationId: number) => Promise<GitHubClient>;
  /**
   * How long a job waits before its queued run is posted. A review that starts sooner (an idle
   * queue) shows its own run in progress: one paced GitHub write fewer, and nobody sees a run
   * queued for a moment. Default 1 s.
   */
  delayMs?: number;
  /** Wait before looking for a run whose create was answered with a 5xx (default 2 s). */
  retryDelayMs?: number;
  log: Logger;
}

// Queued runs created at once; the rest wait as references. They share the installation's paced
// writes with the reviews: with two in flight, a review's write waits behind two of them at most.
const MAX_POSTING = 2;
// Jobs whose run waits to be posted; beyond it the oldest is shown no queued run (its review shows one).
const MAX_WAITING = 10_000;
const SUPERSEDED = "superseded by a newer commit of the pull request";
const STOPPED = "the app was stopped before this commit's review started; a new push or `/review` will review the pull request";

const DEFAULT_DELAY_MS = 1_000;

type Entry = { job: PipelineJob; dueAt: number; posted?: Promise<AcceptedCheckRun> };

/**
 * Shows a queued "Patchwise review" run for each accepted push still waiting after `delayMs`, two
 * at a time, each with a client made for it. A job's review takes its run over (or, when the run
 * was not posted yet, stops it from being posted and shows its own), so a job shows exactly one
 * run, and a burst of a thousand waiting jobs holds a thousand small references rather than a
 * thousand requests.
 */
export function createQueuedCheckRuns(options: QueuedCheckRunsOptions): QueuedCheckRuns {
  const { claims, log } = options;
  const entries = new Map<string, Entry>();
  // In the order accepted, so in the order due.
  const waiting: Entry[] = [];
  let posting = 0;
  let timer: NodeJS.Timeout | undefined;
  const delayMs = options.delayMs ?? DEFAULT_DELAY_MS;
  const ids = (job: PipelineJob) => ({ deliveryId: job.deliveryId, owner: job.owner, repo: job.repo, pullNumber: job.pullNumber });

  async function show(job: PipelineJob): Promise<AcceptedCheckRun> {
    await claims.reserve(job.deliveryId);
    if (!(await claims.startPosting(job.deliveryId))) return null;
    const octokit = await options.auth(job.installationId!);
    const run = await showQueuedCheckRun(octokit, job, { headSha: job.headSha!, externalId: job.deliveryId, log, ids: ids(job), retryDelayMs: options.retryDelayMs });
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
      const entry = waiting[0]!;
      if (entries.get(entry.job.deliveryId) === entry && entry.dueAt > Date.now()) return wakeAt(entry.dueAt);
      waiting.shift();
      // A job whose review took its run over (or that was replaced) is no longer in `entries`.
      if (entries.get(entry.job.deliveryId) === entry) post(entry);
    }
  }

  function wakeAt(time: number): void {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      next();
    }, time - Date.now());
    // Never what keeps the process alive.
    timer.unref();
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
      const entry: Entry = { job, dueAt: Date.now() + delayMs };
      entries.set(job.deliveryId, entry);
      waiting.push(entry);
      next();
    },
    superseded(older) {
      void closeAsNotReviewed(older, SUPERSEDED);
    },
    take: (job) => (job.trigger === "command" ? Promise.resolve(null) : release(job)),
    dropped: (job) => closeAsNotReviewed(job, STOPPED),
  };

  // A job that will never be reviewed here: the queued run it showed would otherwise stay queued for good.
  async function closeAsNotReviewed(job: PipelineJob, reason: string): Promise<void> {
    try {
      const run = await release(job);
      if (run === null || !("id" in run) || job.installationId === null) return;
      const octokit = await options.auth(job.installationId);
      const reporter = createCheckRunReporter(octokit, job, { log, ids: ids(job), accepted: Promise.resolve(run) });
      await reporter.report(job.headSha!, concludeCheckRun({ status: "skipped", reason, alreadyReviewed: false }, undefined));
    } catch (error) {
      log.warn({ ...ids(job), errorType: (error as Error)?.name }, "queued check run of a job that will not run here not closed");
    }
  }
}
