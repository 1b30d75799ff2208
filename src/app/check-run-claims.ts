import type { AcceptedCheckRun } from "../github/check-run-reporter.js";

/**
 * Who shows a job's check run when the process that accepted the webhook is not the one that
 * reviews it (the shared queue): the receiver posts it as queued, unless the job's review starts
 * first and shows it itself. One claim per job (its delivery id), so that a job never shows two runs.
 *
 * A claim is `reserved` when the job is accepted, `posting` while the queued run is being created,
 * then holds the run; a review (or a newer push) that comes first marks it `taken`, and the queued
 * run is never posted.
 */
export interface CheckRunClaims {
  /** The webhook accepted the job: a queued run will be posted for it, unless its review starts first. */
  reserve(deliveryId: string): Promise<void>;
  /** The poster's turn: true when it may post the queued run (nobody took the claim meanwhile). */
  startPosting(deliveryId: string): Promise<boolean>;
  /** The queued run the poster created, or `unavailable` when the checks API refused. */
  publish(deliveryId: string, run: Exclude<AcceptedCheckRun, null>): Promise<void>;
  /**
   * The review of a job accepted elsewhere starts (or a newer push replaced it): the queued run
   * shown for it, waiting while it is being posted; null when none was and none will be.
   */
  take(deliveryId: string): Promise<AcceptedCheckRun>;
}

/** The in-process queue's: the process that accepts a job also reviews it, so nobody else claims. */
export const NO_OTHER_PROCESS: CheckRunClaims = {
  reserve: async () => undefined,
  startPosting: async () => true,
  publish: async () => undefined,
  take: async () => null,
};
