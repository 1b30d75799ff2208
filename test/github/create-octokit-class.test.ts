import { afterEach, describe, expect, it } from "@jest/globals";
import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { createOctokitClass } from "../../src/github/create-octokit-class.js";

const API = "https://api.github.com";
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });

afterEach(() => nock.cleanAll());

// What Probot hands a review: the installation client built from our class.
async function installationClient(observed: string[] = []) {
  const probot = new Probot({
    appId: 1,
    privateKey,
    Octokit: createOctokitClass(({ method, route, status }) => observed.push(`${method} ${route} ${status}`)) as unknown as typeof ProbotOctokit,
  });
  nock(API).post("/app/installations/7/access_tokens").reply(201, { token: "ghs_t", expires_at: new Date(Date.now() + 3_600_000).toISOString() });
  return probot.auth(7);
}

describe("createOctokitClass", () => {
  it("waits out GitHub's secondary rate limit and retries, on the installation clients Probot builds", async () => {
    const octokit = await installationClient();
    const scope = nock(API)
      .get("/repos/acme/shop/pulls/1")
      .reply(403, { message: "You have exceeded a secondary rate limit. Please wait a few seconds and try again." }, { "retry-after": "1" })
      .get("/repos/acme/shop/pulls/1")
      .reply(200, { number: 1 });

    const { data } = await octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { owner: "acme", repo: "shop", pull_number: 1 });

    expect(data).toEqual({ number: 1 });
    expect(scope.isDone()).toBe(true);
  }, 15_000);

  it("reports every call's route template and status, never a body", async () => {
    const observed: string[] = [];
    const octokit = await installationClient(observed);
    nock(API).get("/repos/acme/shop/pulls/1").reply(200, { number: 1, body: "secret code" });

    await octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { owner: "acme", repo: "shop", pull_number: 1 });

    expect(observed).toContain("GET /repos/{owner}/{repo}/pulls/{pull_number} 200");
    expect(observed.join()).not.toContain("secret code");
  });
});
