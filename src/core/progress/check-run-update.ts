/** The name of Patchwise's check run on the head commit, as the pull request's checks list shows it. */
export const CHECK_RUN_NAME = "Patchwise review";

/** How a finished review shows in the checks: `failure` only when a finding reaches the configured fail-on severity. */
export type CheckConclusion = "success" | "neutral" | "failure" | "skipped";

/** What the check run should show next; the shell creates or updates the run from it. */
export type CheckRunUpdate =
  | { status: "in_progress"; title: string; summary: string }
  | {
      status: "completed";
      conclusion: CheckConclusion;
      title: string;
      summary: string;
      /** The review on the pull request, when one was posted. */
      detailsUrl?: string;
      /**
       * An earlier review of the same commit stands (this run found it already reviewed): when a
       * finished run of this check is already on the commit, repeat its result rather than replace it.
       */
      keepEarlierResult?: boolean;
    };
