import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildReviewJsonSchema } from "../../src/core/review/review-schema.js";
import { ModelError } from "../../src/providers/model-error.js";
import { createVertexClient, type VertexClientOptions } from "../../src/providers/vertex-client.js";
import { startFakeGenerateContent, startFakeTokenServer, writeAuthorizedUserCredentials, type FakeCloudModel, type FakeReply, type RecordedRequest } from "../helpers/fake-cloud-models.js";
import { everythingIn, rejectionOf, reviewRequest, sameRealmFetch, SENTINEL, validAnswer } from "./provider-test-kit.js";

// Google's application default credentials from a credentials file, as GOOGLE_APPLICATION_CREDENTIALS
// names one: of type external_account_authorized_user (what `gcloud auth login` writes for
// workforce identity), whose token_url can point at a token server on loopback.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "patchwise-vertex-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const servers: FakeCloudModel[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function vertex(reply: (request: RecordedRequest) => FakeReply, token: string | null = "vertex-access-token", overrides: Partial<VertexClientOptions> = {}) {
  const model = await startFakeGenerateContent(reply);
  const tokens = await startFakeTokenServer(token, `revoked: ${SENTINEL}`);
  servers.push(model, tokens);
  const client = createVertexClient({
    project: "review-project",
    location: "europe-west4",
    credentialsFile: await writeAuthorizedUserCredentials(join(dir, `credentials-${servers.length}.json`), tokens),
    baseUrl: model.url,
    timeoutMs: 5_000,
    maxRetries: 0,
    retryDelayMs: 1,
    fetch: sameRealmFetch,
    ...overrides,
  });
  return { client, model, tokens };
}

const googleError = (code: number, status: string, message = `echo: ${SENTINEL}`): FakeReply => ({ status: code, body: { error: { code, message, status } } });

describe("createVertexClient", () => {
  it("posts generateContent under the project and location with a bearer token from the credentials file's token URL", async () => {
    const { client, model, tokens } = await vertex(() => ({ answer: validAnswer }));

    const response = await client.complete(reviewRequest({ model: "gemini-2.5-flash" }));

    expect(tokens.requests).toHaveLength(1);
    expect(tokens.requests[0]!.url).toBe("/v1/oauthtoken");
    expect(new URLSearchParams(tokens.requests[0]!.body as string).get("grant_type")).toBe("refresh_token");
    const [request] = model.requests;
    expect(request!.url).toBe("/v1beta1/projects/review-project/locations/europe-west4/publishers/google/models/gemini-2.5-flash:generateContent");
    expect(request!.headers["authorization"]).toBe("Bearer vertex-access-token");
    expect(request!.headers["x-goog-api-key"]).toBeUndefined();
    expect(request!.body).toMatchObject({
      contents: [{ role: "user", parts: [{ text: `Review this diff:\n+const token = "${SENTINEL}";` }] }],
      generationConfig: { responseMimeType: "application/json", responseJsonSchema: buildReviewJsonSchema(), maxOutputTokens: 4000 },
    });
    expect(client.provider).toBe("vertex");
    expect(response).toEqual({ content: validAnswer, usage: { inputTokens: 1200, outputTokens: 340 }, model: "gemini-2.5-flash" });
  });

  it("says the credentials failed, without the token server's answer, when no token is granted", async () => {
    const { client, model } = await vertex(() => ({ answer: validAnswer }), null);

    const err = await rejectionOf(client.complete(reviewRequest()));

    expect(err).toBeInstanceOf(ModelError);
    expect((err as Error).message).toMatch(/^could not get a Google access token \(vertex\): check GOOGLE_APPLICATION_CREDENTIALS/);
    expect(everythingIn(err)).not.toContain(SENTINEL);
    expect(model.requests).toHaveLength(0);
  });

  it.each<[string, FakeReply, { retryable: boolean; status?: number; kind?: string; contextLength?: { window: number | null } }, RegExp]>([
    ["an identity without the role", googleError(403, "PERMISSION_DENIED"), { retryable: false, status: 403 }, /roles\/aiplatform\.user on GOOGLE_CLOUD_PROJECT/],
    ["throttling", googleError(429, "RESOURCE_EXHAUSTED"), { retryable: true, status: 429 }, /rate limiting requests \(vertex, HTTP 429, RESOURCE_EXHAUSTED\)/],
    ["a prompt over the context window", googleError(400, "INVALID_ARGUMENT", `The input token count (2000000) exceeds the maximum number of tokens allowed (1048576). ${SENTINEL}`), { retryable: false, status: 400, kind: "too long", contextLength: { window: 1_048_576 } }, /context window \(vertex/],
    ["a model the location does not offer", googleError(404, "NOT_FOUND"), { retryable: false, status: 404 }, /offered in GOOGLE_CLOUD_LOCATION$/],
  ])("explains %s without quoting the response", async (_name, failure, expected, message) => {
    const { client } = await vertex(() => failure);

    const err = await rejectionOf(client.complete(reviewRequest()));

    expect(err).toMatchObject({ provider: "vertex", ...expected });
    expect((err as Error).message).toMatch(message);
    expect(everythingIn(err)).not.toContain(SENTINEL);
  });

  it("says clearly that Claude on Vertex AI is not supported yet, and sends nothing", async () => {
    const { client, model, tokens } = await vertex(() => ({ answer: validAnswer }));

    await expect(client.complete(reviewRequest({ model: "claude-sonnet-4-6" }))).rejects.toThrow(/^Claude models on Vertex AI are not supported yet \(vertex\)/);
    expect(model.requests).toHaveLength(0);
    expect(tokens.requests).toHaveLength(0);
  });
});
