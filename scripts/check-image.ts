// The image checks (CI's `image` job; `npx tsx scripts/check-image.ts [--image TAG]`):
// 1. the App starts with a throwaway App id, a freshly generated private key and webhook secret,
//    and answers /healthz: the image given by --image (`docker run`), or `node dist/main.js`
//    where there is no Docker engine;
// 2. the Action's entry (the committed bundle, as action.yml runs it) reviews a fixture pull
//    request against a fake GitHub and a fake model on loopback;
// 3. the image's size (`docker image inspect`), also written to the job summary on GitHub.
// Exits 1 when a check fails.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { appendFileSync } from "node:fs";
import { freePort } from "../test/helpers/free-port.js";
import { reviewWithActionEntry } from "../test/helpers/review-with-action-entry.js";
import { waitFor } from "../test/helpers/wait-for.js";

const imageFlag = process.argv.indexOf("--image");
const image = imageFlag === -1 ? undefined : process.argv[imageFlag + 1];
const lines: string[] = [];
const say = (line: string) => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
let failed = false;

async function checkApp(): Promise<void> {
  const port = await freePort();
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const env: Record<string, string> = {
    APP_ID: "1",
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET: randomBytes(16).toString("hex"),
    HOST: "127.0.0.1",
    PORT: String(port),
    PATCHWISE_MODEL: "check-model",
    OPENAI_API_KEY: "sk-throwaway",
  };
  // On the host's network, so the same loopback address reaches the App in both cases.
  const command = image ? ["docker", ["run", "--rm", "--network", "host", ...Object.keys(env).flatMap((name) => ["-e", name]), image]] : [process.execPath, ["dist/main.js"]];
  const app: ChildProcess = spawn(command[0] as string, command[1] as string[], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  app.stdout!.on("data", (chunk) => (output += chunk));
  app.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => app.on("close", () => resolve()));
  try {
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status === 200, () => output.slice(-2000), 60_000);
    say(`ok: the App (${image ? `image ${image}` : "node dist/main.js"}) started with a throwaway App id, key and secret and answered /healthz with 200`);
  } catch {
    failed = true;
    say(`FAILED: the App (${image ? `image ${image}` : "node dist/main.js"}) did not answer /healthz; its last output:\n${output.slice(-2000)}`);
  } finally {
    // SIGTERM reaches node in the container too (docker run forwards it): the App stops gracefully.
    app.kill("SIGTERM");
    await exited;
  }
}

async function checkAction(): Promise<void> {
  const run = await reviewWithActionEntry(process.execPath, [`${process.cwd()}/action-dist/main.mjs`]);
  if (run.code === 0 && run.reviews.length === 1 && run.comments.length === 1) {
    say(`ok: the Action's bundle (action-dist/main.mjs) reviewed a fixture pull request: 1 review with ${(run.reviews[0]!.comments as unknown[] | undefined)?.length ?? 0} inline comment(s), 1 summary`);
  } else {
    failed = true;
    say(`FAILED: the Action's bundle exited ${run.code} with ${run.reviews.length} review(s) and ${run.comments.length} summary comment(s); its output:\n${run.stdout.slice(-2000)}${run.stderr.slice(-2000)}`);
  }
}

function reportImageSize(): void {
  if (!image) {
    say("no Docker engine here: the image was not built; the App was checked as node dist/main.js instead");
    return;
  }
  const bytes = Number(execFileSync("docker", ["image", "inspect", "--format", "{{.Size}}", image], { encoding: "utf8" }).trim());
  say(`image ${image}: ${(bytes / 1024 / 1024).toFixed(1)} MiB (docker image inspect .Size, uncompressed)`);
}

await checkApp();
await checkAction();
reportImageSize();
// GitHub shows what a step appends to this file on the run's summary page.
if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `## Image checks\n\n${lines.map((line) => `- ${line}`).join("\n")}\n`);
process.exitCode = failed ? 1 : 0;
