import { afterEach, describe, expect, it } from "@jest/globals";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import type { ServingHandlers } from "../../../src/app/serve-handlers.js";
import { startSetupServer } from "../../../src/app/setup/start-setup-server.js";
import { readEnv } from "../../../src/env.js";
import { createRecordingLogger } from "../../helpers/silent-logger.js";

// `npm start` before the App exists, on a loopback port, with the repository's own app.yml and
// a fake GitHub answering the registration code.

let serving: ServingHandlers | undefined;
let dir: string;
afterEach(async () => {
  await serving?.close();
  serving = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const CONVERSION = { id: 4242, html_url: "https://github.com/apps/patchwise-acme", pem: "-----BEGIN RSA PRIVATE KEY-----\nAAA\n-----END RSA PRIVATE KEY-----\n", webhook_secret: "whsec", client_id: "Iv1.x", client_secret: "cs" };

async function start(env: Record<string, string> = {}) {
  dir = mkdtempSync(join(tmpdir(), "patchwise-setup-"));
  copyFileSync("app.yml", join(dir, "app.yml"));
  const calls: string[] = [];
  const fakeFetch = (async (url: string | URL) => {
    calls.push(String(url));
    return new Response(JSON.stringify(CONVERSION), { status: 201, headers: { "content-type": "application/json" } });
  }) as typeof fetch;
  serving = await startSetupServer(readEnv(env), { host: "127.0.0.1", port: 0, dir }, createRecordingLogger(), fakeFetch);
  const base = `http://127.0.0.1:${serving.port}`;
  return { base, calls, get: (path: string) => fetch(`${base}${path}`, { redirect: "manual" }) };
}

/** The manifest and form action of the register page, as the browser would post them. */
async function registerPage(response: Response) {
  const page = await response.text();
  const action = /<form method="post" action="([^"]+)"/.exec(page)![1]!.replaceAll("&#38;", "&");
  const manifest = JSON.parse(/name="manifest" value="([^"]+)"/.exec(page)![1]!.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code))));
  return { action: new URL(action), manifest };
}

describe("the set-up server", () => {
  it("answers /healthz while the App is not registered", async () => {
    const { get } = await start();
    const response = await get("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("offers the smee channel from WEBHOOK_PROXY_URL as the webhook URL", async () => {
    const { get } = await start({ WEBHOOK_PROXY_URL: "https://smee.io/abc123" });
    expect(await (await get("/probot")).text()).toContain('value="https://smee.io/abc123"');
  });

  it("offers PATCHWISE_PUBLIC_URL's webhook path, and this server's own address otherwise", async () => {
    const configured = await start({ PATCHWISE_PUBLIC_URL: "https://review.example.org/" });
    expect(await (await configured.get("/probot")).text()).toContain('value="https://review.example.org/api/github/webhooks"');
    await serving!.close();
    rmSync(dir, { recursive: true, force: true });
    const bare = await start();
    const page = await (await bare.get("/probot")).text();
    expect(page).toContain(`value="${bare.base}/api/github/webhooks"`);
    expect(page).toContain("GitHub cannot reach");
  });

  it("registers an App named after its owner, with the chosen webhook URL, a homepage that exists and the least permissions", async () => {
    const { get } = await start();
    const { action, manifest } = await registerPage(await get("/probot/register?owner=acme&organization=true&name=&webhookUrl=https%3A%2F%2Fsmee.io%2Fabc"));
    expect(`${action.origin}${action.pathname}`).toBe("https://github.com/organizations/acme/settings/apps/new");
    expect(manifest).toMatchObject({ name: "Patchwise acme", url: "https://github.com/acme", hook_attributes: { url: "https://smee.io/abc", active: true }, public: false });
    expect(manifest.default_permissions).toEqual({ pull_requests: "write", contents: "read", checks: "write", metadata: "read" });
    expect(manifest.default_events).toEqual(["pull_request", "issue_comment"]);
  });

  it("keeps the name the user typed, and registers under a personal account unless told otherwise", async () => {
    const { get } = await start();
    const { action, manifest } = await registerPage(await get("/probot/register?owner=jo&name=Jo%27s+%22reviewer%22&webhookUrl=https%3A%2F%2Fsmee.io%2Fabc"));
    expect(action.pathname).toBe("/settings/apps/new");
    expect(manifest.name).toBe(`Jo's "reviewer"`);
  });

  it("writes the new App's credentials to .env when GitHub comes back with its code, in a form .env loading reads back", async () => {
    const { get, calls } = await start();
    const { action } = await registerPage(await get("/probot/register?owner=acme&webhookUrl=https%3A%2F%2Fsmee.io%2Fabc"));
    const response = await get(`/probot/setup?code=one-time&state=${action.searchParams.get("state")}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("https://github.com/apps/patchwise-acme/installations/new");
    expect(calls).toEqual(["https://api.github.com/app-manifests/one-time/conversions"]);
    const written = parseEnv(readFileSync(join(dir, ".env"), "utf8"));
    expect(written).toMatchObject({ APP_ID: "4242", PRIVATE_KEY: CONVERSION.pem, WEBHOOK_SECRET: "whsec" });
  });

  it("refuses a code that did not come from its own registration", async () => {
    const { get, calls } = await start();
    const response = await get("/probot/setup?code=planted&state=guess");
    expect(response.status).toBe(400);
    expect(calls).toEqual([]);
  });
});
