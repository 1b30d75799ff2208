import { describe, expect, it } from "@jest/globals";
import nock from "nock";
import { readActionInputs } from "../../src/action/read-action-inputs.js";
import { readEnv } from "../../src/env.js";
import { runAction } from "../../src/action/run-action.js";
import { loadPromptTemplates } from "../../src/prompts/load-prompt-templates.js";
import { createRecordingLogger } from "../helpers/silent-logger.js";
import { loadWebhookExample } from "../helpers/webhook-examples.js";
import { API, chatCompletion, headSha, MODEL_API, number, owner, PATCH, payload, prPath, readsNoRepoSettings, repo, TARBALL, useActionEnv } from "./action-fixtures.js";

const actionEnv = useActionEnv();

/** The reads of a review of the event's pull request; `configYaml` is the repository's `.github/patchwise.yml` (none when null). */
function nockPullRequest(configYaml: string | null = null) {
  const configFile = configYaml === null ? { message: "Not Found" } : { type: "file", encoding: "base64", content: Buffer.from(configYaml).toString("base64") };
  return nock(API)
    .get(`${prPath}/reviews`)
    .query(true)
    .reply(200, [])
    .get(`/repos/${owner}/${repo}/contents/.github%2Fpatchwise.yml`)
    .reply(configYaml === null ? 404 : 200, configFile)
    // No instruction files: the `.github` listing answers 404 (read only when requests are prepared).
    .get(`/repos/${owner}/${repo}/contents/.github`)
    .optionally()
    .reply(404, { message: "Not Found" })
    .get(prPath)
    .reply(200, { ...payload.pull_request, head: { ...payload.pull_request.head, sha: headSha }, state: "open", draft: false })
    .get(`${prPath}/files`)
    .query(true)
    .reply(200, [{ filename: "src/a.ts", status: "modified", additions: 1, deletions: 0, changes: 1, patch: PATCH }])
    // No earlier Patchwise review, so no inline comments of ours to read: the review comments are not listed.
    .get(`/repos/${owner}/${repo}/tarball/${headSha}`)
    .reply(200, TARBALL, { "content-type": "application/x-gzip" });
}

/** The reads of a review, then the review and the summary comment accepted (their bodies unchecked). */
function nockReviewPosted(configYaml: string | null = null) {
  return nockPullRequest(configYaml)
      .post(`${prPath}/reviews`)
      .reply(200, { id: 9, html_url: "https://github.com/r/9" })
      .get(`/repos/${owner}/${repo}/issues/${number}/comments`)
      .query(true)
      .reply(200, [])
      .post(`/repos/${owner}/${repo}/issues/${number}/comments`)
      .reply(201, { id: 10 });
}

/** The check run with the workflow's token: created in progress, then concluded; the bodies as GitHub received them. */
function nockCheckRun(): Array<Record<string, unknown>> {
  const bodies: Array<Record<string, unknown>> = [];
  nock(API, { reqheaders: { authorization: "token ghs_workflowtoken" } })
    .post(`/repos/${owner}/${repo}/check-runs`, (body) => Boolean(bodies.push(body)))
    .reply(201, { id: 300 })
    .patch(`/repos/${owner}/${repo}/check-runs/300`, (body) => Boolean(bodies.push(body)))
    .reply(200, { id: 300 });
  return bodies;
}

function nockModel(severity: string) {
  const answer = {
    summary: "Adds b.",
    walkthrough: [{ path: "src/a.ts", change: "Adds b." }],
    findings: [{ path: "src/a.ts", line: 2, startLine: null, side: "RIGHT", severity, category: "bug", title: "Division by zero", body: "Always Infinity.", suggestion: null }],
  };
  return nock(MODEL_API)
    .post("/chat/completions", (body) => body.model === "gpt-test" && body.response_format?.type === "json_schema")
    .reply(200, chatCompletion(answer, "gpt-test", { prompt: 100, completion: 20 }));
}

async function run(env: Record<string, string>) {
  return runAction({ inputs: readActionInputs(env), templates: await loadPromptTemplates(), log: createRecordingLogger() });
}

describe("the GitHub Action", () => {
  it("reviews the pull request of a real pull_request event with the workflow's token and posts one review and one summary", async () => {
    const github = nockPullRequest()
      .post(`${prPath}/reviews`, (body) => {
        expect(body).toEqual({
          commit_id: headSha,
          event: "COMMENT",
          body: expect.stringContaining(`<!-- patchwise:review sha=${headSha} -->`),
          comments: [{ path: "src/a.ts", line: 2, side: "RIGHT", body: expect.stringContaining("Division by zero") }],
        });
        return true;
      })
      .matchHeader("authorization", "token ghs_workflowtoken")
      .reply(200, { id: 9, html_url: "https://github.com/r/9" })
      .get(`/repos/${owner}/${repo}/issues/${number}/comments`)
      .query(true)
      .reply(200, [])
      .post(`/repos/${owner}/${repo}/issues/${number}/comments`, (body) => String(body.body).includes("<!-- patchwise:summary -->"))
      .reply(201, { id: 10 });
    const model = nockModel("major");
    const checkRun = nockCheckRun();

    const result = await run(actionEnv(payload));

    expect(result).toEqual({ exitCode: 0, outcome: expect.objectContaining({ status: "posted", inlineComments: 1 }) });
    expect(github.isDone()).toBe(true);
    expect(model.isDone()).toBe(true);
    // GITHUB_TOKEN may create check runs (with `checks: write`): in progress, then the result and the review's link.
    expect(checkRun).toEqual([
      {
        name: "Patchwise review",
        head_sha: headSha,
        // This run's own id: a create answered with a 5xx is looked for by it before it is sent again.
        external_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: "in_progress",
        output: { title: "Reviewing 1 file: 0 of 1 model request done", summary: "Files read: 1. Model requests done: 0 of 1." },
      },
      {
        status: "completed",
        conclusion: "neutral",
        output: { title: "1 finding: 1 🟠 Major", summary: "This review reported 1 finding: 1 🟠 Major.\n\n[Open the review](https://github.com/r/9); the summary comment on the pull request lists every finding." },
        details_url: "https://github.com/r/9",
      },
    ]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("fails the step when a finding reaches fail-on", async () => {
    nockReviewPosted();
    nockModel("critical");
    const checkRun = nockCheckRun();

    const result = await run(actionEnv(payload, "pull_request", { "INPUT_FAIL-ON": "major" }));

    expect(result.exitCode).toBe(1);
    expect(checkRun[1]).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "1 finding: 1 🔴 Critical · fail-on major: 🔴 Critical open" } });
  });

  it("without a fail-on input, the repository's failOn decides", async () => {
    nockReviewPosted("failOn: critical\n");
    nockModel("critical");
    const checkRun = nockCheckRun();

    const result = await run(actionEnv(payload));

    expect(result.exitCode).toBe(1);
    expect(checkRun[1]).toMatchObject({ conclusion: "failure" });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("a token without checks: write still reviews: the refused check run is logged once", async () => {
    nockReviewPosted()
      .post(`/repos/${owner}/${repo}/check-runs`)
      .reply(403, { message: "Resource not accessible by integration" });
    nockModel("minor");
    const log = createRecordingLogger();

    const result = await runAction({ inputs: readActionInputs(actionEnv(payload)), templates: await loadPromptTemplates(), log });

    expect(result).toEqual({ exitCode: 0, outcome: expect.objectContaining({ status: "posted" }) });
    expect(log.lines.filter((line) => String(line.msg).startsWith("check run"))).toEqual([
      { level: "warn", obj: { runId: "77", action: "in_progress", status: 403, errorType: "HttpError" }, msg: "check run not updated; the review goes on without one (does the App have the checks: write permission?)" },
    ]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("on opened with describe: auto, reviews and then writes the description, reading the configuration once, as the App does", async () => {
    nockReviewPosted("describe: auto\n");
    nockModel("minor");
    nockCheckRun();
    // The description's own reads: the pull request and its files (the related code comes from the same tarball, read again).
    const written: Array<Record<string, unknown>> = [];
    nock(API)
      .get(prPath)
      .reply(200, { ...payload.pull_request, body: "Adds b." })
      .get(`${prPath}/files`)
      .query(true)
      .reply(200, [{ filename: "src/a.ts", status: "modified", additions: 1, deletions: 0, changes: 1, patch: PATCH }])
      .get(`/repos/${owner}/${repo}/tarball/${headSha}`)
      .reply(200, TARBALL, { "content-type": "application/x-gzip" })
      .get(prPath)
      .reply(200, { ...payload.pull_request, body: "Adds b." })
      .patch(prPath, (body) => Boolean(written.push(body)))
      .reply(200, { html_url: "https://github.com/r/pr" });
    const described = nock(MODEL_API)
      .post("/chat/completions", (body) => body.response_format?.json_schema?.name === "submit_description")
      .reply(200, chatCompletion({ what: "Adds b.", risk: "Low.", walkthrough: [] }, "gpt-test", { prompt: 80, completion: 10 }));

    const result = await run(actionEnv(payload));

    expect(result).toEqual({ exitCode: 0, outcome: expect.objectContaining({ status: "posted" }) });
    expect(described.isDone()).toBe(true);
    expect(written).toEqual([{ body: expect.stringMatching(/^Adds b\.\n\n<!-- patchwise:description:start -->\n## Description by Patchwise\n\nAdds b\./) }]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("does nothing for a comment that is not /review, and calls neither GitHub nor the model", async () => {
    const comment = loadWebhookExample("issue_comment", (p) => p.action === "created");
    comment.issue.pull_request = { url: `${API}${prPath}` };
    comment.comment.body = "Looks good to me";

    const result = await run(actionEnv(comment, "issue_comment"));

    expect(result).toEqual({ exitCode: 0, outcome: { status: "ignored", reason: "comment is not a /review, /ask or /describe command" } });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("answers /ask from a maintainer with one comment, from the light model, and no review or check run", async () => {
    const comment = loadWebhookExample("issue_comment", (p) => p.action === "created");
    comment.issue.pull_request = { url: `${API}${prPath}` };
    comment.issue.number = number;
    comment.comment.body = "/ask is the division intended?";
    comment.comment.user = { ...comment.comment.user, login: "maintainer-1" };
    const posted: string[] = [];
    const asked: Array<Record<string, any>> = [];
    nock(API)
      .get(`/repos/${owner}/${repo}/collaborators/maintainer-1/permission`)
      .reply(200, { permission: "write", role_name: "write" })
      .post(`/repos/${owner}/${repo}/issues/comments/${comment.comment.id}/reactions`)
      .reply(201, {})
      .get(`/repos/${owner}/${repo}/issues/comments/${comment.comment.id}`)
      .reply(200, { id: comment.comment.id, body: comment.comment.body });
    readsNoRepoSettings(nock(API))
      .get(prPath)
      .reply(200, { ...payload.pull_request, state: "open" })
      .get(`${prPath}/files`)
      .query(true)
      .reply(200, [{ filename: "src/a.ts", status: "modified", additions: 1, deletions: 0, changes: 1, patch: PATCH }])
      .get(`${prPath}/comments`)
      .query(true)
      .reply(200, [])
      .get(`/repos/${owner}/${repo}/tarball/${headSha}`)
      .reply(200, TARBALL, { "content-type": "application/x-gzip" })
      .post(`/repos/${owner}/${repo}/issues/${number}/comments`, (body) => Boolean(posted.push(body.body)))
      .reply(201, { id: 11, html_url: "https://github.com/r/11" });
    nock(MODEL_API)
      .post("/chat/completions", (body) => Boolean(asked.push(body)))
      .reply(200, chatCompletion({ answer: "No: `a / 0` is always Infinity." }, "gpt-light", { prompt: 100, completion: 20 }));

    const result = await run(actionEnv(comment, "issue_comment", { "INPUT_MODEL-LIGHT": "gpt-light" }));

    expect(result).toEqual({
      exitCode: 0,
      outcome: {
        status: "answered",
        url: "https://github.com/r/11",
        durationMs: expect.any(Number),
        sent: { files: 1, lines: 3, relatedLines: 1, secretsRedacted: {} },
        modelRequest: { provider: "openai", model: "gpt-light", inputTokens: 100, outputTokens: 20 },
      },
    });
    expect(asked.map((body) => body.model)).toEqual(["gpt-light"]);
    expect(posted).toEqual([expect.stringMatching(/^No: `a \/ 0` is always Infinity\.\n\n---\n<sub>Answered by Patchwise · model `gpt-light` via openai · 100 input \/ 20 output tokens<\/sub>/)]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("refuses /review from a commenter with read access, replying once, and spends no model call", async () => {
    const comment = loadWebhookExample("issue_comment", (p) => p.action === "created");
    comment.issue.pull_request = { url: `${API}${prPath}` };
    comment.comment.body = "/review";
    comment.comment.user = { ...comment.comment.user, login: "drive-by" };
    const replies: string[] = [];
    nock(API)
      .get(`/repos/${owner}/${repo}/collaborators/drive-by/permission`)
      .reply(200, { permission: "read", role_name: "read" })
      // The config (commands.allowAuthor); a refused command reads no instruction files.
      .get(`/repos/${owner}/${repo}/contents/.github%2Fpatchwise.yml`)
      .reply(404, { message: "Not Found" })
      .get(`/repos/${owner}/${repo}/issues/${comment.issue.number}/comments`)
      .query(true)
      .reply(200, [])
      .post(`/repos/${owner}/${repo}/issues/${comment.issue.number}/comments`, (body) => Boolean(replies.push(body.body)))
      .reply(201, { id: 1 });

    const result = await run(actionEnv(comment, "issue_comment"));

    expect(result).toEqual({ exitCode: 0, outcome: { status: "ignored", reason: "/review refused: the commenter has read access" } });
    expect(replies).toEqual([expect.stringContaining("Patchwise runs `/review` only for people with write access to this repository.")]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it.each([
    ["bedrock with the credentials configure-aws-credentials leaves in the job", { INPUT_PROVIDER: "bedrock", "INPUT_API-KEY": "", "INPUT_BASE-URL": "", AWS_REGION: "eu-central-1", AWS_ACCESS_KEY_ID: "ASIAEXAMPLE", AWS_SECRET_ACCESS_KEY: "s", AWS_SESSION_TOKEN: "t" }, { PATCHWISE_PROVIDER: "bedrock", AWS_REGION: "eu-central-1", AWS_ACCESS_KEY_ID: "ASIAEXAMPLE", AWS_SECRET_ACCESS_KEY: "s", AWS_SESSION_TOKEN: "t" }],
    ["azure with its key and endpoint as inputs", { INPUT_PROVIDER: "azure", "INPUT_API-KEY": "azure-key", "INPUT_BASE-URL": "https://review.openai.azure.com" }, { PATCHWISE_PROVIDER: "azure", AZURE_OPENAI_API_KEY: "azure-key", AZURE_OPENAI_ENDPOINT: "https://review.openai.azure.com" }],
    ["gemini with its key as an input", { INPUT_PROVIDER: "gemini", "INPUT_API-KEY": "gemini-key", "INPUT_BASE-URL": "" }, { PATCHWISE_PROVIDER: "gemini", GEMINI_API_KEY: "gemini-key" }],
    ["vertex with what Google's auth action leaves in the job", { INPUT_PROVIDER: "vertex", "INPUT_API-KEY": "", "INPUT_BASE-URL": "", GOOGLE_CLOUD_PROJECT: "p", GOOGLE_APPLICATION_CREDENTIALS: "/github/workspace/gha-creds-1.json" }, { PATCHWISE_PROVIDER: "vertex", GOOGLE_CLOUD_PROJECT: "p", GOOGLE_APPLICATION_CREDENTIALS: "/github/workspace/gha-creds-1.json" }],
  ])("takes %s", (_name, vars, expected) => {
    const inputs = readActionInputs({ ...actionEnv(payload), ...vars });

    expect(inputs.modelEnv).toMatchObject(expected);
    expect(inputs.modelEnv).not.toHaveProperty("OPENAI_API_KEY");
  });

  it("takes the light model and the fallback models as inputs, checked as the App's variables are", () => {
    const inputs = readActionInputs({ ...actionEnv(payload), "INPUT_MODEL-LIGHT": "gpt-test-nano", "INPUT_FALLBACK-MODELS": "gpt-test-2, gpt-test-3" });

    expect(readEnv(inputs.modelEnv).model).toMatchObject({ model: "gpt-test", modelLight: "gpt-test-nano", fallbackModels: ["gpt-test-2", "gpt-test-3"] });
    expect(() => readEnv(readActionInputs({ ...actionEnv(payload), "INPUT_FALLBACK-MODELS": "gpt-test-2,," }).modelEnv)).toThrow(/PATCHWISE_FALLBACK_MODELS/);
  });

  it("refuses a key for vertex, whose credentials come from the job", () => {
    expect(() => readActionInputs({ ...actionEnv(payload), INPUT_PROVIDER: "vertex", "INPUT_API-KEY": "AIza-key" })).toThrow(/api-key: vertex takes no key/);
  });

  it("names a bad input instead of starting", () => {
    expect(() => readActionInputs({ ...actionEnv(payload), INPUT_PROVIDER: "mistral" })).toThrow(/invalid action inputs: provider:/);
    expect(() => readActionInputs({ ...actionEnv(payload), "INPUT_FAIL-ON": "blocker" })).toThrow(/fail-on:/);
  });
});
