import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readEnv } from "../../src/env.js";
import { createModelClient } from "../../src/providers/create-model-client.js";
import { DEFAULT_MODELS } from "../../src/providers/default-models.js";
import type { FakeCloudModel, FakeReply, RecordedRequest } from "../helpers/fake-cloud-models.js";
import { CLOUD_PROVIDERS, setUpCloudProvider, type CloudProvider, type CloudSetup } from "../helpers/set-up-cloud-provider.js";
import { mockGitHub } from "./mock-review-apis.js";
import nock from "nock";
import { crashFinding, stopAppAfterEach } from "./review-fixtures.js";
import { HEAD_SHA, pullRequestEvent, startReviewApp, type ReviewApp } from "./start-review-app.js";

// The App reviews the example pull request through each cloud provider's own API and
// authentication: the model client is made from the operator's environment (readEnv, then
// createModelClient, as `npm start` does) pointed at a loopback server speaking that provider's
// wire protocol. GitHub is nock, as in the other App tests.

const SECRET_IN_BODY = "echo-of-the-prompt-7c1d";
const googleError = (code: number, status: string, message = SECRET_IN_BODY, reason?: string): FakeReply => ({
  status: code,
  body: { error: { code, message, status, details: reason ? [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason }] : [] } },
});
const awsError = (status: number, type: string, message = SECRET_IN_BODY): FakeReply => ({ status, body: { message }, headers: { "x-amzn-errortype": type } });
const azureError = (status: number, code: string): FakeReply => ({ status, body: { error: { code, message: SECRET_IN_BODY } } });
const TOO_LONG_GOOGLE = `The input token count (1300000) exceeds the maximum number of tokens allowed (1048576). ${SECRET_IN_BODY}`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "patchwise-cloud-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
const servers: FakeCloudModel[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
let app: ReviewApp | undefined;
stopAppAfterEach(() => app);

const setUp = (provider: CloudProvider, reply: (request: RecordedRequest) => FakeReply, options: { token?: string | null } = {}) =>
  setUpCloudProvider(provider, reply, { dir, servers, refusal: SECRET_IN_BODY, ...options });

/** Every listed GitHub call was made, and no other; the fakes on loopback are not nock's, so nock sees them pass. */
function expectExactlyTheListedGitHubCalls(running: ReviewApp): void {
  expect(running.unexpectedRequests.filter((request) => !request.includes("//127.0.0.1:"))).toEqual([]);
  expect(nock.pendingMocks()).toEqual([]);
}

async function startApp(provider: CloudProvider, setup: CloudSetup): Promise<ReviewApp> {
  const env = readEnv(setup.env);
  return startReviewApp(provider, { model: { client: createModelClient(env.model), defaultModel: env.model.model ?? DEFAULT_MODELS[provider] } });
}

const answer = { summary: "Trims the name before greeting.", walkthrough: [{ path: "src/greet.js", change: "Trims the name." }], findings: [crashFinding()] };
const MODEL_SHOWN: Record<CloudProvider, string> = { azure: "review-deployment", bedrock: DEFAULT_MODELS.bedrock, gemini: DEFAULT_MODELS.gemini, vertex: DEFAULT_MODELS.vertex };

describe("a review through each cloud provider", () => {
  it.each(CLOUD_PROVIDERS)("%s: the pull request gets one review with the finding, and the summary names the model and provider", async (provider) => {
    const setup = await setUp(provider, () => ({ answer }));
    app = await startApp(provider, setup);
    const github = mockGitHub().acceptsCheckRun(2).listsReviews([]).readsConfig(null).servesPullRequest(HEAD_SHA).acceptsReview().listsComments([]).acceptsNewSummary();

    await app.deliver("pull_request", pullRequestEvent("opened"));

    expect(setup.model.requests).toHaveLength(1);
    expect(setup.userText(setup.model.requests[0]!)).toContain("src/greet.js");
    expect(github.sentReview).toMatchObject({ commit_id: HEAD_SHA, event: "COMMENT", comments: [expect.objectContaining({ path: "src/greet.js", line: 2 })] });
    expect(github.sentSummary?.body.body).toContain(`<sub>Model \`${MODEL_SHOWN[provider]}\` via ${provider} · `);
    expectExactlyTheListedGitHubCalls(app);
  });
});

describe("each cloud provider's refusals, as the summary tells them", () => {
  const cases: Array<[CloudProvider, string, FakeReply | "token refused", RegExp]> = [
    ["azure", "rejected credentials", azureError(401, "401"), /rejected the key or Entra ID token \(azure, HTTP 401\): check AZURE_OPENAI_API_KEY/],
    ["azure", "throttling", azureError(429, "429"), /rate limiting requests \(azure, HTTP 429\)/],
    ["azure", "a prompt too long", azureError(400, "context_length_exceeded"), /does not fit the model's context window \(azure, HTTP 400, context_length_exceeded\)/],
    ["bedrock", "rejected credentials", awsError(403, "UnrecognizedClientException"), /rejected the AWS credentials \(bedrock, HTTP 403, UnrecognizedClientException\)/],
    ["bedrock", "throttling", awsError(429, "ThrottlingException"), /rate limiting requests \(bedrock, HTTP 429, ThrottlingException\)/],
    ["bedrock", "a prompt too long", awsError(400, "ValidationException", `Input is too long for requested model. ${SECRET_IN_BODY}`), /does not fit the model's context window \(bedrock, HTTP 400, ValidationException\)/],
    ["gemini", "rejected credentials", googleError(400, "INVALID_ARGUMENT", SECRET_IN_BODY, "API_KEY_INVALID"), /rejected the API key \(gemini, HTTP 400, INVALID_ARGUMENT, API_KEY_INVALID\): check GEMINI_API_KEY/],
    ["gemini", "throttling", googleError(429, "RESOURCE_EXHAUSTED"), /rate limiting requests \(gemini, HTTP 429, RESOURCE_EXHAUSTED\)/],
    ["gemini", "a prompt too long", googleError(400, "INVALID_ARGUMENT", TOO_LONG_GOOGLE), /does not fit the model's context window \(gemini, HTTP 400, INVALID_ARGUMENT\)/],
    ["vertex", "rejected credentials", "token refused", /could not get a Google access token \(vertex\): check GOOGLE_APPLICATION_CREDENTIALS/],
    ["vertex", "throttling", googleError(429, "RESOURCE_EXHAUSTED"), /rate limiting requests \(vertex, HTTP 429, RESOURCE_EXHAUSTED\)/],
    ["vertex", "a prompt too long", googleError(400, "INVALID_ARGUMENT", TOO_LONG_GOOGLE), /does not fit the model's context window \(vertex, HTTP 400, INVALID_ARGUMENT\)/],
  ];

  it.each(cases)("%s, %s: no review, and the summary says what to fix without the provider's answer", async (provider, _situation, failure, message) => {
    const setup = await setUp(provider, () => (failure === "token refused" ? { answer } : failure), { token: failure === "token refused" ? null : undefined });
    app = await startApp(provider, setup);
    const github = mockGitHub().acceptsCheckRun(2).listsReviews([]).readsConfig(null).servesPullRequest(HEAD_SHA).listsComments([]).acceptsNewSummary();

    await app.deliver("pull_request", pullRequestEvent("opened"));

    expect(github.sentReview).toBeUndefined();
    expect(github.sentSummary?.body.body).toMatch(message);
    expect(JSON.stringify(github.sentSummary)).not.toContain(SECRET_IN_BODY);
    expect(JSON.stringify(github.checkRunCalls)).not.toContain(SECRET_IN_BODY);
    expect(JSON.stringify(app.logs)).not.toContain(SECRET_IN_BODY);
    expectExactlyTheListedGitHubCalls(app);
  });
});
