import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github.js";
import { startFakeModel, type FakeModel } from "../helpers/fake-model.js";
import { freePort } from "../helpers/free-port.js";
import { signedWebhookHeaders } from "../helpers/sign-webhook.js";
import { loadWebhookExample } from "../helpers/webhook-examples.js";
import { SLOW_TEST_TIMEOUT_MS, waitFor } from "../helpers/wait-for.js";

// Starts servers or processes: a safety net far above what these tests need (see wait-for.ts).
jest.setTimeout(SLOW_TEST_TIMEOUT_MS);

// The privacy promise, end to end: a unique sentinel planted in a pull request's code, title
// and body must appear in no log line (debug level), no file under the app's working directory
// or temp directory, and no metric, on a successful review and on a failed one.

const SENTINEL = `PATCHWISE-SENTINEL-${Date.now().toString(36)}-7f3a`;
const SECRET = "privacy-webhook-secret";
const require = createRequire(import.meta.url);
const TSX = pathToFileURL(require.resolve("tsx")).href;
const MAIN = join(process.cwd(), "src/main.ts");
const opened = loadWebhookExample("pull_request", (p) => p.action === "opened" && Boolean(p.installation)) as any;
const owner: string = opened.repository.owner.login;
const repo: string = opened.repository.name;

let github: FakeGitHub;
let model: FakeModel;
let app: ChildProcess;
let appUrl: string;
let output = "";
let workDir: string;
let tempDir: string;

function patchWithSentinel(n: number): string {
  return ["@@ -1,2 +1,3 @@", " export function f() {", `+  const marker = "${SENTINEL}-${n}";`, "   return 1;"].join("\n");
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), "patchwise-privacy-cwd-"));
  tempDir = mkdtempSync(join(tmpdir(), "patchwise-privacy-tmp-"));
  github = await startFakeGitHub();
  for (const [number, sha] of [
    [1, "1".repeat(40)],
    [2, "2".repeat(40)],
  ] as const) {
    github.addPullRequest(owner, repo, {
      number,
      title: `Title ${SENTINEL}`,
      body: `Body ${SENTINEL}`,
      headSha: sha,
      baseSha: "0".repeat(40),
      files: [{ filename: "src/f.ts", status: "modified", additions: 1, deletions: 0, patch: patchWithSentinel(number) }],
      // The repository at the head commit, read through the tarball for related code: a caller of f() holds the sentinel too.
      headTree: {
        "src/f.ts": `export function f() {\n  const marker = "${SENTINEL}-${number}";\n  return 1;\n}\n`,
        "src/use-f.ts": `import { f } from "./f";\n\nexport function useF() {\n  // ${SENTINEL}-related\n  return f();\n}\n`,
      },
    });
  }
  // PR 1's review succeeds (the answer quotes the code back); PR 2's model call fails every time.
  model = await startFakeModel({
    failWith: (request) => (JSON.stringify(request.messages).includes(`${SENTINEL}-2`) ? 500 : undefined),
    answer: () => ({
      summary: `Adds ${SENTINEL}.`,
      walkthrough: [{ path: "src/f.ts", change: `adds ${SENTINEL}` }],
      findings: [{ path: "src/f.ts", line: 2, startLine: null, side: "RIGHT", severity: "minor", category: "style", title: "Name", body: `Rename ${SENTINEL}`, suggestion: `  const marker = "${SENTINEL}";` }],
    }),
  });
  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  app = spawn(process.execPath, ["--import", TSX, MAIN], {
    cwd: workDir,
    env: {
      PATH: process.env.PATH,
      TMPDIR: tempDir,
      APP_ID: "12345",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "debug",
      GHE_HOST: github.url.replace("http://", ""),
      GHE_PROTOCOL: "http",
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: model.baseUrl,
      PATCHWISE_MODEL: "fake-model",
      PATCHWISE_MODEL_MAX_RETRIES: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  app.stdout!.on("data", (d) => (output += d));
  app.stderr!.on("data", (d) => (output += d));
  await waitFor(async () => (await fetch(`${appUrl}/healthz`).catch(() => null))?.status === 200, maskedOutput);
});

afterAll(async () => {
  app?.kill("SIGTERM");
  await Promise.all([github?.close(), model?.close()]);
  rmSync(workDir, { recursive: true, force: true });
  rmSync(tempDir, { recursive: true, force: true });
});

async function deliver(number: number, sha: string, id: string) {
  const payload = structuredClone(opened);
  payload.pull_request.number = number;
  payload.number = number;
  payload.pull_request.head.sha = sha;
  payload.pull_request.title = `Title ${SENTINEL}`;
  payload.pull_request.body = `Body ${SENTINEL}`;
  payload.sender = { ...payload.sender, type: "User" };
  const body = JSON.stringify(payload);
  const response = await fetch(`${appUrl}/api/github/webhooks`, { method: "POST", body, headers: await signedWebhookHeaders(SECRET, "pull_request", body, id) });
  expect(response.status).toBe(200);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((name) => join(dir, name)).filter((path) => statSync(path).isFile());
}

describe("no code kept", () => {
  it("a successful and a failed review leave the sentinel in no log, file or metric", async () => {
    await deliver(1, "1".repeat(40), "privacy-1");
    await deliver(2, "2".repeat(40), "privacy-2");
    await waitFor(() => github.reviews.length === 1 && github.comments.length === 2, maskedOutput);
    let metrics = "";
    await waitFor(async () => (metrics = await (await fetch(`${appUrl}/metrics`)).text()).includes('outcome="failed"} 1'), maskedOutput);

    // The review itself reached GitHub (that is where it belongs), and the related code the model ...
    expect(JSON.stringify(github.reviews)).toContain(SENTINEL);
    expect(JSON.stringify(model.requests)).toContain(`${SENTINEL}-related`);
    expect(github.comments.map((c) => c.body).join()).toContain("Review failed");
    // ... and nowhere else.
    expect(output).toContain('"level":20'); // debug lines were written
    expect(output).not.toContain(SENTINEL);
    expect(metrics).not.toContain(SENTINEL);
    for (const file of [...filesUnder(workDir), ...filesUnder(tempDir)]) expect(readFileSync(file, "latin1")).not.toContain(SENTINEL);
  });
});

const maskedOutput = () => `app output (sentinel masked):\n${output.slice(-3000).replaceAll(SENTINEL, "<SENTINEL>")}`;
