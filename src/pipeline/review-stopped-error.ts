/**
 * Why a running review was stopped before it finished: the abort reason of its signal. Unlike a
 * newer commit superseding it (which ends the review quietly), a stop is reported: the summary
 * comment and the check run show this message.
 */
export class ReviewStoppedError extends Error {
  override readonly name = "ReviewStoppedError";
  readonly retryable = true;
}

/** The stop of a review still running when the operator's deadline (PATCHWISE_REVIEW_TIMEOUT_MS) passed. */
export function reviewTimedOut(timeoutMs: number): ReviewStoppedError {
  const minutes = timeoutMs / 60_000;
  const limit = minutes >= 1 ? `${Number(minutes.toFixed(1))} minute${minutes === 1 ? "" : "s"}` : `${Math.round(timeoutMs / 1000)} s`;
  return new ReviewStoppedError(`the review did not finish within ${limit} (PATCHWISE_REVIEW_TIMEOUT_MS); GitHub or the model was too slow, comment /review to try again`);
}

/** The stop of a review still running when the app shut down and its grace period was over. */
export function appStopped(): ReviewStoppedError {
  return new ReviewStoppedError("the app was stopped before the review finished; a new push or /review will review the pull request");
}
