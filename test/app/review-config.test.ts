import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { crashFinding, expectExactlyTheListedCalls, stopAppAfterEach } from "./review-fixtures.js";
import { mockGitHub, mockModel } from "./mock-review-apis.js";
import { HEAD_SHA, pullRequestEvent, startReviewApp, type ReviewApp } from "./start-review-app.js";

// `.github/patchwise.yml` with a typo, delivered to the App: a bad key costs only itself, and a
// bad key that decides what is sent to the model stops the review instead of sending on a guess.

const CHANGED_FILES = JSON.parse(readFileSync(new URL("../fixtures/github/pull-request-files.json", import.meta.url), "utf8")) as object[];
/** A file the team keeps from the model with `exclude: ["private/**"]`. */
const PRIVATE_FILE = {
  sha: "5d41402abc4b2a76b9719d911017c592ae5f2f1e",
  filename: "private/pricing.js",
  status: "added",
  additions: 2,
  deletions: 0,
  changes: 2,
  patch: "@@ -0,0 +1,2 @@\n+export const PARTNER_MARGIN = 0.42;\n+export const PARTNER_DISCOUNT = 0.3;",
};
const FILES = [...CHANGED_FILES, PRIVATE_FILE];
const ANSWER = { summary: "Trims the name.", walkthrough: [{ path: "src/greet.js", change: "Trims the name." }], findings: [crashFinding()] };

let app: ReviewApp | undefined;
stopAppAfterEach(() => app);

describe(".github/patchwise.yml with a bad key", () => {
  it("a misspelt maxComments beside an exclude: the excluded file is not sent, and the summary names the typo", async () => {
    app = await startReviewApp("openai");
    const github = mockGitHub()
      .acceptsCheckRun(2)
      .listsReviews([])
      .readsConfig('exclude: ["private/**"]\nmaxComents: 1\n')
      .servesPullRequest(HEAD_SHA, FILES)
      .acceptsReview()
      .listsComments([])
      .acceptsNewSummary();
    const model = mockModel("openai", [{ answer: ANSWER }]);

    await app.deliver("pull_request", pullRequestEvent("opened"));

    expect(model.requests).toHaveLength(1);
    const sent = JSON.stringify(model.requests[0]);
    expect(sent).toContain("File: src/greet.js (modified)");
    // Neither its diff nor its content: the model is only told its name, among the files left out.
    expect(sent).not.toContain("File: private/pricing.js");
    expect(sent).not.toContain("PARTNER_");
    const summary = github.sentSummary?.body.body ?? "";
    expect(summary).toContain(
      ["> [!WARNING]", "> `.github/patchwise.yml` has settings Patchwise could not use. Fix these keys:", "> - `maxComents` is not a key; did you mean `maxComments`? — ignored"].join("\n"),
    );
    expect(summary).toContain('`private/pricing.js` — excluded by .github/patchwise.yml pattern "private/**"');
    expect(github.sentReview).toMatchObject({ commit_id: HEAD_SHA, event: "COMMENT" });
    expectExactlyTheListedCalls(app);
  });

  it.each([
    ["an exclude that is not a list", 'exclude: "private/**"\nmaxComments: 1\n', "> - `exclude`: Invalid input: expected array, received string — the review stopped: this setting decides what is sent to the model, or where"],
    ["a misspelt exclude", 'exlude: ["private/**"]\n', "> - `exlude` is not a key; did you mean `exclude`? — the review stopped: this setting decides what is sent to the model, or where"],
    ["a brace bomb in exclude", `exclude: ["${"{a,b}".repeat(17)}"]\n`, "> - `exclude[0]`: its braces expand to more than 32 patterns — the review stopped: this setting decides what is sent to the model, or where"],
  ])("%s: nothing is read or sent, and the summary says what to fix", async (_case, yaml, line) => {
    app = await startReviewApp("openai");
    // No pull request, files, model or review interceptors: any such call is an unexpected request.
    const github = mockGitHub().acceptsCheckRun(1).listsReviews([]).readsConfig(yaml).listsComments([]).acceptsNewSummary();

    await app.deliver("pull_request", pullRequestEvent("opened"));

    const summary = github.sentSummary?.body.body ?? "";
    expect(summary).toContain(`> \`.github/patchwise.yml\` has settings Patchwise could not use. Fix these keys:\n${line}\n`);
    expect(summary).toContain(
      "> **⚠️ Review failed at reading the repository configuration:** .github/patchwise.yml: a setting that decides what is sent to the model is not valid (listed above), so nothing was sent; fix the file on the default branch and run /review again",
    );
    expect(github.sentReview).toBeUndefined();
    expectExactlyTheListedCalls(app);
  });

  it("an oversized config: the review stops before parsing it, and the summary says why", async () => {
    app = await startReviewApp("openai");
    const yaml = Array.from({ length: 30_000 }, (_, i) => `key${i}: 1\n`).join("");
    const github = mockGitHub().acceptsCheckRun(1).listsReviews([]).readsConfig(yaml).listsComments([]).acceptsNewSummary();

    await app.deliver("pull_request", pullRequestEvent("opened"));

    expect(github.sentSummary?.body.body).toContain(
      "> **⚠️ Review failed at reading the repository configuration:** .github/patchwise.yml: 341 KiB, over the 64 KiB a config file may have; fix the file on the default branch and run /review again",
    );
    expect(github.sentReview).toBeUndefined();
    expectExactlyTheListedCalls(app);
  });
});
