import { describe, expect, it } from "@jest/globals";
import nock from "nock";
import { crashFinding, stopAppAfterEach } from "./review-fixtures.js";
import { mockGitHub, mockModel } from "./mock-review-apis.js";
import { HEAD_SHA, pullRequestEvent, startReviewApp, type ReviewApp } from "./start-review-app.js";

// Check (5) in the App: the suggestion is spliced into src/greet.js as the repository's tarball
// at the head commit has it, and parsed with tree-sitter before it may be one-click.

const finding = (suggestion: string) => crashFinding({ suggestion, confidence: 0.9 });
const review = (suggestion: string) => ({ summary: "Trims the name.", walkthrough: [], findings: [finding(suggestion)] });

let app: ReviewApp | undefined;
stopAppAfterEach(() => app);

describe("suggestions checked against the file at the head commit", () => {
  it.each([
    ["one that parses is offered as a one-click suggestion", '  const trimmed = (name ?? "").trim();', '```suggestion\n  const trimmed = (name ?? "").trim();\n```'],
    [
      "one that would not parse is shown as plain code with the reason",
      "  const trimmed = name.trim() name;",
      "_Suggested change, not offered as a one-click suggestion because the file would not parse with it (1 new syntax error):_\n\n```js\n  const trimmed = name.trim() name;\n```",
    ],
  ])("%s", async (_name, suggestion, shown) => {
    app = await startReviewApp("openai");
    const github = mockGitHub().acceptsCheckRun(2).listsReviews([]).readsConfig(null).servesPullRequest(HEAD_SHA).acceptsReview().listsComments([]).acceptsNewSummary();
    mockModel("openai", [{ answer: review(suggestion) }]);

    await app.deliver("pull_request", pullRequestEvent("opened"));

    const [comment] = github.sentReview?.comments as Array<{ body: string }>;
    expect(comment?.body).toContain(`\n\n${shown}\n\n<!-- patchwise:fp v1 `);
    // Related code and the check share one read of the repository (the tarball is served once).
    expect(app.unexpectedRequests).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
