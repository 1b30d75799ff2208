import { afterEach, expect } from "@jest/globals";
import nock from "nock";
import { renderReviewMarker } from "../../src/core/review/build-review-request.js";
import { BOT_LOGIN } from "./mock-review-apis.js";
import { OWNER, PR_NUMBER, pullRequestEvent, REPO, type ReviewApp } from "./start-review-app.js";

// What the App's handler tests share: the example pull request's findings, an earlier Patchwise
// review, and the strict "these calls and no others" check.

/** The head commit the example `synchronize` payload moved from. */
export const EARLIER_SHA = pullRequestEvent("synchronize").before as string;

/** A finding on line 2 of src/greet.js after the change (test/fixtures/github/pull-request-files.json); `overrides` change what a test needs. */
export function crashFinding(overrides: Record<string, unknown> = {}) {
  return {
    path: "src/greet.js",
    line: 2,
    startLine: null,
    side: "RIGHT",
    severity: "major",
    category: "bug",
    title: "Crashes when name is undefined",
    body: "`name.trim()` throws a TypeError when greet() is called without a name.",
    suggestion: null as string | null,
    ...overrides,
  };
}

/** A review Patchwise posted earlier on `sha`, as `GET .../pulls/{n}/reviews` lists it. */
export function patchwiseReview(sha: string) {
  return {
    id: 79,
    user: { login: BOT_LOGIN, type: "Bot" },
    body: `Patchwise review: details in the summary comment.\n\n${renderReviewMarker(sha)}`,
    state: "COMMENTED",
    commit_id: sha,
    html_url: `https://github.com/${OWNER}/${REPO}/pull/${PR_NUMBER}#pullrequestreview-79`,
  };
}

/** Every listed GitHub and model call was made, and no other. */
export function expectExactlyTheListedCalls(running: ReviewApp): void {
  expect(running.unexpectedRequests).toEqual([]);
  expect(nock.pendingMocks()).toEqual([]);
}

/** Stops the test's app and forgets every interceptor after each test. */
export function stopAppAfterEach(current: () => ReviewApp | undefined): void {
  afterEach(() => {
    current()?.stop();
    nock.abortPendingRequests();
    nock.cleanAll();
  });
}
