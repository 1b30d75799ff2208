/** A GitHub request that got no answer, or whose answer stopped arriving, within its deadline. */
export class GitHubTimeoutError extends Error {
  override readonly name = "GitHubTimeoutError";
  readonly retryable = true;
  /**
   * As Octokit reports a dropped connection: a write that timed out may still have landed, and
   * code that guards writes looks for it after any 5xx before sending again.
   */
  readonly status = 500;

  /** `route`: method and route template (`GET /repos/{owner}/{repo}/pulls/{pull_number}`), never a URL with values. */
  constructor(route: string, stage: "answer" | "body", limitMs: number) {
    const limit = limitMs >= 1000 ? `${Math.round(limitMs / 1000)} s` : `${limitMs} ms`;
    super(
      stage === "answer"
        ? `GitHub did not answer ${route} within ${limit}; try /review again later (if it persists, check the network between the app and GitHub)`
        : `GitHub stopped sending the answer to ${route} for ${limit}; try /review again later`,
    );
  }
}
