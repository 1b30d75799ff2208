import { randomUUID } from "node:crypto";
import type { CheckRunUpdate } from "../core/progress/check-run-update.js";
import { guardPostedText } from "../core/sanitize/guard-posted-text.js";
import type { Logger } from "../log.js";
import type { ProgressReporter } from "../pipeline/ports.js";
import { ensureCheckRun, type CheckRunFields } from "./ensure-check-run.js";
import type { GitHubClient, PullRequestRef } from "./github-client.js";
import { listCheckRuns } from "./list-check-runs.js";

/** The check run shown when a job was accepted: its id, none (`null`), or `unavailable` when the checks API refused. */
export type AcceptedCheckRun = { id: number } | { unavailable: true } | null;

export interface CheckRunReporterOptions {
  log: Logger;
  /** Ids for the log line (delivery, repository, pull request). */
  ids?: object;
  /** The run shown when this process accepted the job (`showQueuedCheckRun`). */
  accepted?: Promise<AcceptedCheckRun>;
  /** The commit the accepted run was shown on (the job's); when the review turns out to be of a newer head, that run is closed and a new one shown. */
  acceptedFor?: string;
  /** The external id of a run this reporter creates (the job's delivery id, as the queued run has; default: a random id). */
  externalId?: string;
  /** Wait before looking for a run whose create was answered with a 5xx (default 2 s). */
  retryDelayMs?: number;
}

const SUPERSEDED: CheckRunUpdate = {
  status: "completed",
  conclusion: "skipped",
  title: "Not reviewed: superseded by a newer commit of the pull request",
  summary: "Not reviewed: superseded by a newer commit of the pull request.",
};

/**
 * The "Patchwise review" check run on the head commit: updated in place when the job was shown
 * as queued, created otherwise. Updates go out one at a time, in order; a progress update that
 * has not left yet is replaced by a newer one. Checks are a courtesy, never a reason to fail: the
 * first refused call (403 before the installation accepts `checks: write`, say) is logged once and
 * the reporter goes quiet for the rest of the review.
 */
export function createCheckRunReporter(octokit: GitHubClient, ref: Pick<PullRequestRef, "owner" | "repo">, options: CheckRunReporterOptions): ProgressReporter {
  const repo = { owner: ref.owner, repo: ref.repo };
  const externalId = options.externalId ?? randomUUID();
  let run: Promise<number | null> | undefined;
  let quiet = false;
  let chain: Promise<void> = Promise.resolve();
  let waitingProgress: { headSha: string; update: CheckRunUpdate; sent: Promise<void> } | undefined;

  const fail = (error: unknown, action: string) => {
    if (quiet) return;
    quiet = true;
    const status = (error as { status?: unknown })?.status;
    options.log.warn(
      { ...options.ids, action, status: typeof status === "number" ? status : undefined, errorType: (error as Error)?.name },
      "check run not updated; the review goes on without one (does the App have the checks: write permission?)",
    );
  };

  async function resolveRun(headSha: string): Promise<number | null> {
    const shownOn = options.acceptedFor ?? headSha;
    let id: number | null = null;
    if (options.accepted) {
      const accepted = await options.accepted;
      if (accepted !== null && "unavailable" in accepted) quiet = true;
      id = accepted !== null && "id" in accepted ? accepted.id : null;
    }
    // The pull request moved on before the review read it: the result belongs on the new head.
    if (id !== null && shownOn !== headSha) {
      await octokit.rest.checks.update({ ...repo, check_run_id: id, ...(toFields(SUPERSEDED) as UpdateFields) });
      return null;
    }
    return id;
  }

  async function send(headSha: string, update: CheckRunUpdate): Promise<void> {
    if (quiet) return;
    run ??= resolveRun(headSha);
    const id = await run;
    if (quiet) return;
    let fields = toFields(update);
    if (update.status === "completed" && update.keepEarlierResult) {
      // Only a run of our own that would otherwise stay queued needs an answer.
      if (id === null) return;
      const earlier = (await listCheckRuns(octokit, repo, headSha))
        .filter((each) => each.id !== id && each.status === "completed" && each.conclusion !== null)
        .sort((a, b) => (b.completed_at ?? "").localeCompare(a.completed_at ?? ""))[0];
      if (earlier) {
        fields = {
          status: "completed",
          conclusion: earlier.conclusion as string,
          output: inertOutput({ title: earlier.output.title ?? update.title, summary: earlier.output.summary ?? update.summary }),
          ...(earlier.details_url ? { details_url: earlier.details_url } : {}),
        };
      }
    }
    if (id === null) {
      run = Promise.resolve(await ensureCheckRun(octokit, repo, { headSha, externalId, fields: fields as CheckRunFields, retryDelayMs: options.retryDelayMs }));
    } else {
      await octokit.rest.checks.update({ ...repo, check_run_id: id, ...(fields as UpdateFields) });
    }
  }

  // Each update waits for the one before it; a progress update still waiting takes the newest text.
  function enqueue(update: { headSha: string; update: CheckRunUpdate }, onTurn: () => void = () => undefined): Promise<void> {
    const sent = chain.then(() => {
      onTurn();
      return send(update.headSha, update.update);
    });
    chain = sent.catch((error: unknown) => fail(error, update.update.status));
    return chain;
  }

  return {
    report(headSha, update) {
      if (quiet) return Promise.resolve();
      if (update.status !== "in_progress") return enqueue({ headSha, update });
      if (waitingProgress) {
        waitingProgress.headSha = headSha;
        waitingProgress.update = update;
        return waitingProgress.sent;
      }
      const entry = { headSha, update, sent: Promise.resolve() };
      waitingProgress = entry;
      entry.sent = enqueue(entry, () => {
        if (waitingProgress === entry) waitingProgress = undefined;
      });
      return entry.sent;
    },
  };
}

type UpdateFields = Omit<Parameters<GitHubClient["rest"]["checks"]["update"]>[0] & object, "owner" | "repo" | "check_run_id">;

function toFields(update: CheckRunUpdate): Record<string, unknown> {
  const output = inertOutput({ title: update.title, summary: update.summary });
  if (update.status === "in_progress") return { status: "in_progress", output };
  return { status: "completed", conclusion: update.conclusion, output, ...(update.detailsUrl ? { details_url: update.detailsUrl } : {}) };
}

// The last guard before GitHub: a failure's reason or an earlier run's text must not command another bot.
function inertOutput(output: { title: string; summary: string }): { title: string; summary: string } {
  return { title: guardPostedText(output.title), summary: guardPostedText(output.summary) };
}
