import { afterAll, beforeAll, expect, it, jest } from "@jest/globals";
import { execFileSync, spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github.js";
import { freePort } from "../helpers/free-port.js";
import { SLOW_TEST_TIMEOUT_MS, waitFor } from "../helpers/wait-for.js";

// What a supervisor does: start the App with `npm start`, signal npm's own process, and expect
// the server process npm started to be gone (no orphan still holding the port).
jest.setTimeout(SLOW_TEST_TIMEOUT_MS);

let github: FakeGitHub;
/** Servers this test started, killed at the end should the test fail and leave one behind. */
const serverPids: number[] = [];
beforeAll(async () => {
  // `prestart` compiles only when a source changed; after `npm ci` (its `prepare`) nothing did.
  execFileSync(process.execPath, ["scripts/build-if-stale.mjs"], { stdio: "inherit" });
  github = await startFakeGitHub();
});
afterAll(async () => {
  for (const pid of serverPids.filter(isRunning)) process.kill(pid, "SIGKILL");
  await github?.close();
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

it("stops the App gracefully when the process npm start began gets SIGTERM", async () => {
  const port = await freePort();
  const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey;
  const npm = spawn("npm", ["start", "--silent"], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      npm_config_update_notifier: "false",
      APP_ID: "12345",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: "stop-secret",
      HOST: "127.0.0.1",
      PORT: String(port),
      GHE_HOST: github.url.replace("http://", ""),
      GHE_PROTOCOL: "http",
      OPENAI_API_KEY: "sk-test",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  npm.stdout!.on("data", (d) => (output += d));
  npm.stderr!.on("data", (d) => (output += d));
  const npmExited = new Promise<number | null>((resolve) => npm.once("exit", (code) => resolve(code)));

  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status === 200, () => output);
  // pino stamps every line with the pid of the process that wrote it: the server's, not npm's.
  const serverPid = (JSON.parse(output.split("\n").find((line) => line.includes("Patchwise listening"))!) as { pid: number }).pid;
  serverPids.push(serverPid);
  expect(serverPid).not.toBe(npm.pid);

  npm.kill("SIGTERM");
  await npmExited;
  await waitFor(() => !isRunning(serverPid), () => output);
  expect(output).toContain("patchwise: stopped (all reviews finished)");
  expect(await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => "refused")).toBe("refused");
});
