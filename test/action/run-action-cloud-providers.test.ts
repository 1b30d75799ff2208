import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { readActionInputs } from "../../src/action/read-action-inputs.js";
import { runAction } from "../../src/action/run-action.js";
import { loadPromptTemplates } from "../../src/prompts/load-prompt-templates.js";
import type { FakeCloudModel } from "../helpers/fake-cloud-models.js";
import { CLOUD_PROVIDERS, setUpCloudProvider, type CloudProvider } from "../helpers/set-up-cloud-provider.js";
import { createRecordingLogger } from "../helpers/silent-logger.js";
import { API, headSha, number, owner, PATCH, payload, prPath, readsNoRepoSettings, repo, TARBALL } from "./action-fixtures.js";

// The Action reviews a real pull_request event through each cloud provider's own API and
// authentication, set the way the README's workflow sets it: the provider input, the api-key and
// base-url inputs where the provider takes them, and the cloud's own variables from the job's
// environment (as AWS's and Google's login actions leave them). GitHub is nock; each model is a
// loopback server speaking that provider's wire protocol.

const ANSWER = {
  summary: "Adds b.",
  walkthrough: [{ path: "src/a.ts", change: "Adds b." }],
  findings: [{ path: "src/a.ts", line: 2, startLine: null, side: "RIGHT", severity: "major", category: "bug", title: "Division by zero", body: "Always Infinity.", suggestion: null }],
};

// The workflow's inputs for each provider, from the operator's settings: what the README's example passes as `with:`.
const INPUTS: Record<CloudProvider, (env: Record<string, string>) => Record<string, string>> = {
  azure: (env) => ({ INPUT_MODEL: env.PATCHWISE_MODEL!, "INPUT_API-KEY": env.AZURE_OPENAI_API_KEY!, "INPUT_BASE-URL": env.AZURE_OPENAI_ENDPOINT! }),
  bedrock: () => ({}),
  gemini: (env) => ({ "INPUT_API-KEY": env.GEMINI_API_KEY!, "INPUT_BASE-URL": env.GEMINI_BASE_URL! }),
  vertex: (env) => ({ "INPUT_BASE-URL": env.VERTEX_BASE_URL! }),
};
// The job's environment for each provider: what a cloud login action leaves there.
const JOB_ENV: Record<CloudProvider, RegExp> = { azure: /^$/, bedrock: /^AWS_/, gemini: /^$/, vertex: /^GOOGLE_/ };

let dir: string;
const servers: FakeCloudModel[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "patchwise-action-cloud-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  nock.cleanAll();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function nockReview(): { review: () => unknown; summary: () => string | undefined } {
  let review: unknown;
  let summary: string | undefined;
  readsNoRepoSettings(nock(API).get(`${prPath}/reviews`).query(true).reply(200, []))
    .get(prPath)
    .reply(200, { ...payload.pull_request, state: "open", draft: false })
    .get(`${prPath}/files`)
    .query(true)
    .reply(200, [{ filename: "src/a.ts", status: "modified", additions: 1, deletions: 0, changes: 1, patch: PATCH }])
    .get(`/repos/${owner}/${repo}/tarball/${headSha}`)
    .reply(200, TARBALL, { "content-type": "application/x-gzip" })
    .post(`/repos/${owner}/${repo}/check-runs`)
    .reply(201, { id: 300 })
    .patch(`/repos/${owner}/${repo}/check-runs/300`)
    .times(2)
    .optionally()
    .reply(200, { id: 300 })
    .post(`${prPath}/reviews`, (body) => Boolean((review = body)))
    .reply(200, { id: 9, html_url: "https://github.com/r/9" })
    .get(`/repos/${owner}/${repo}/issues/${number}/comments`)
    .query(true)
    .reply(200, [])
    .post(`/repos/${owner}/${repo}/issues/${number}/comments`, (body) => Boolean((summary = String(body.body))))
    .reply(201, { id: 10 });
  return { review: () => review, summary: () => summary };
}

describe("the Action through each cloud provider", () => {
  it.each(CLOUD_PROVIDERS)("%s: one review with the finding, the model asked once through its own API, and the summary names the provider", async (provider) => {
    const setup = await setUpCloudProvider(provider, () => ({ answer: ANSWER }), { dir, servers });
    const eventPath = join(dir, "event.json");
    writeFileSync(eventPath, JSON.stringify(payload));
    const jobEnv = Object.fromEntries(Object.entries(setup.env).filter(([key]) => JOB_ENV[provider].test(key) || key.startsWith("PATCHWISE_MODEL_")));
    const github = nockReview();

    const result = await runAction({
      inputs: readActionInputs({
        GITHUB_EVENT_NAME: "pull_request",
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_API_URL: API,
        GITHUB_RUN_ID: "77",
        "INPUT_GITHUB-TOKEN": "ghs_workflowtoken",
        INPUT_PROVIDER: provider,
        ...jobEnv,
        ...INPUTS[provider](setup.env),
      }),
      templates: await loadPromptTemplates(),
      log: createRecordingLogger(),
    });

    expect(result).toEqual({ exitCode: 0, outcome: expect.objectContaining({ status: "posted", inlineComments: 1 }) });
    expect(setup.model.requests).toHaveLength(1);
    expect(setup.userText(setup.model.requests[0]!)).toContain("src/a.ts");
    expect(github.review()).toMatchObject({ commit_id: headSha, event: "COMMENT", comments: [expect.objectContaining({ path: "src/a.ts", line: 2 })] });
    expect(github.summary()).toContain(` via ${provider} · `);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
