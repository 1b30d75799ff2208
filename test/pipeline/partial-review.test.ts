import { afterEach, describe, expect, it } from "@jest/globals";
import { answerReview } from "../../bench/pipeline/answer-review.js";
import { createOpenAIClient } from "../../src/providers/openai-client.js";
import { startFakeModel, type ChatRequest, type FakeModel } from "../helpers/fake-model.js";
import { addedFile, pathsIn, runPipeline } from "../helpers/run-review-pipeline.js";

// One request of a chunked review that keeps failing costs only its own files: the findings of
// the others are posted, the summary and the check run say the review is partial, and the audit counts it.

let model: FakeModel | undefined;
afterEach(async () => {
  await model?.close();
  model = undefined;
});

const user = (request: ChatRequest) => request.messages.find((message) => message.role === "user")?.content ?? "";
// Four directories of three files: with a small request budget, one request each.
const FILES = ["a", "b", "c", "d"].flatMap((dir) => [1, 2, 3].map((n) => addedFile(`src/${dir}/file${n}.ts`, 40)));

async function clientFailing(failing: (request: ChatRequest) => boolean) {
  model = await startFakeModel({ answer: answerReview, failWith: (request) => (failing(request) ? 500 : undefined) });
  return createOpenAIClient({ apiKey: "test", baseURL: model.baseUrl, timeoutMs: 10_000, maxRetries: 0 });
}

describe("a chunked review with one request failing every time", () => {
  it("posts the findings of the requests that answered and names each file of the failed one with the reason", async () => {
    const client = await clientFailing((request) => pathsIn(user(request)).some((path) => path.startsWith("src/c/")));
    const run = await runPipeline(FILES, client, { limits: { requestTokens: 3_000 } });

    const sent = model!.requests.map((request) => pathsIn(user(request)));
    const failed = sent.filter((paths) => paths.some((path) => path.startsWith("src/c/"))).length;
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(run.outcome).toMatchObject({ status: "posted", partial: { requests: failed, of: sent.length, files: 3 } });
    // Every answered request's walkthrough and findings are in the review; the same finding in several files is folded into one comment.
    expect(run.review?.comments?.length).toBeGreaterThan(0);
    for (const path of ["src/a/file1.ts", "src/b/file2.ts", "src/d/file3.ts"]) expect(run.summary).toContain(`| \`${path}\` | validates the limit`);
    expect(run.summary).not.toContain("| `src/c/file1.ts` |");
    for (const path of ["src/c/file1.ts", "src/c/file2.ts", "src/c/file3.ts"]) {
      expect(run.summary).toContain(`\`${path}\` — its model request failed: the model provider had a server error (openai, HTTP 500): try /review again later`);
    }
    expect(run.summary).toContain(`**Partial review:** ${failed} of ${sent.length} model requests failed for good, so 3 files were not reviewed`);
    // The error body echoed the prompt: none of it reaches the summary.
    expect(run.summary).not.toContain("overloaded:");

    const last = run.checkRuns.at(-1);
    expect(last).toMatchObject({ status: "completed", conclusion: "neutral", title: expect.stringMatching(/^Partial review, 3 files not reviewed · \d+ finding/) });
    expect(last?.summary).toContain("**This review is partial**");
    expect(run.audit).toMatchObject({ outcome: { status: "posted" }, partial: { failedRequests: failed, files: 3 } });
  });

  it("fails the review as before when every request fails", async () => {
    const client = await clientFailing(() => true);
    const run = await runPipeline(FILES, client, { limits: { requestTokens: 3_000 } });

    expect(run.outcome).toMatchObject({ status: "failed", stage: "asking the model", reason: expect.stringContaining("HTTP 500") });
    expect(run.review).toBeUndefined();
    expect(run.summary).toContain("Review failed at asking the model");
    expect(run.audit).toMatchObject({ outcome: { status: "failed" }, partial: null });
  });
});
