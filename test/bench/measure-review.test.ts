import { describe, expect, it, jest } from "@jest/globals";
import { measureReview } from "../../bench/pipeline/measure-review.js";
import { SLOW_TEST_TIMEOUT_MS } from "../helpers/wait-for.js";

// Starts servers or processes: a safety net far above what these tests need (see wait-for.ts).
jest.setTimeout(SLOW_TEST_TIMEOUT_MS);

// The benchmark's pipeline section end to end, on a small pull request, so `npm run bench`
// cannot break unnoticed: the real server, a signed webhook, the fakes, the figures it reports.
describe("npm run bench: pipeline measurement", () => {
  it("reviews a 120-file pull request through the real server and counts what it cost", async () => {
    const result = await measureReview(120, { entry: "source" });

    // About 100k prompt tokens with the related code: 4 requests within the 32,000-token request budget.
    expect(result).toMatchObject({ changedFiles: 120, reviewedFiles: 114, skippedFiles: 6, modelRequests: 4 });
    expect(result.githubCalls).toEqual({
      "GET /repos/{owner}/{repo}/pulls/{n}/reviews": 1,
      // The repository's own config (absent; the organisation's answer is remembered from the warm-up
      // review) and the `.github` listing that finds no instruction files for GitHub's reviewer.
      "GET /repos/{owner}/{repo}/contents/{path}": 2,
      "GET /repos/{owner}/{repo}/pulls/{n}": 1,
      "GET /repos/{owner}/{repo}/pulls/{n}/files": 2,
      // The repository at the head commit, for related code: one call, whatever its size.
      "GET /repos/{owner}/{repo}/tarball/{ref}": 1,
      "POST /repos/{owner}/{repo}/pulls/{n}/reviews": 1,
      // Read before the review (the summary's hidden state says what was reviewed), written after it without listing again.
      "GET /repos/{owner}/{repo}/issues/{n}/comments": 1,
      "POST /repos/{owner}/{repo}/issues/{n}/comments": 1,
      // The "Patchwise review" check run: the review starts at once, so it is created in progress
      // (no queued run first), then gets the result.
      "POST /repos/{owner}/{repo}/check-runs": 1,
      "PATCH /repos/{owner}/{repo}/check-runs/{id}": 1,
    });
    expect(result.promptTokens).toBeGreaterThan(10_000);
    expect(result.summaryChars).toBeGreaterThan(1_000);
    expect(result.modelMs).toBeLessThan(result.wallMs);
    expect(result.outsideModelMs).toBeGreaterThan(0);
    expect(result.peakMaxRssKiB).toBeGreaterThanOrEqual(result.startedMaxRssKiB);
    expect(result.startedMaxRssKiB).toBeGreaterThan(10_000);
  });
});
