import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { freePort } from "../../test/helpers/free-port.js";

export interface RunningApp {
  url: string;
  webhookSecret: string;
  /** The App's log so far (JSON lines: ids and counts, never code). */
  output(): string;
  /** `process.resourceUsage()` inside the App, with `maxRSS` (KiB) its own peak so far (see report-resource-usage.mjs). */
  resourceUsage(): Promise<NodeJS.ResourceUsage>;
  stop(): Promise<void>;
}

export interface AppOptions {
  /** `built`: node dist/main.js, as `npm start` runs it (build first); `source`: src/main.ts through tsx. */
  entry: "built" | "source";
  /** PATCHWISE_MODEL; unset, the provider's default model. */
  model?: string;
  /** `worker`: the process `npm run worker` starts (REDIS_URL required); unset, the App's server (`npm start`). */
  role?: "server" | "worker";
  /** More environment (PATCHWISE_CONCURRENCY, REDIS_URL ...), laid over the benchmark's own. */
  env?: Record<string, string>;
  /** Modules preloaded into the process (`node --import`), after the one that reports its resource usage. */
  imports?: URL[];
}

const REPORT_USAGE = ["--import", new URL("./report-resource-usage.mjs", import.meta.url).href];
const MAIN: Record<NonNullable<AppOptions["role"]>, string> = { server: "main", worker: "worker/main" };
const NODE_ARGS: Record<AppOptions["entry"], (main: string, imports: string[]) => string[]> = {
  // The flags npm start and npm run worker pass.
  built: (main, imports) => ["--v8-pool-size=1", ...REPORT_USAGE, ...imports, fileURLToPath(new URL(`../../dist/${main}.js`, import.meta.url))],
  // Resolved here: the App runs in another directory, where a bare "tsx" would not be found.
  source: (main, imports) => ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href, ...REPORT_USAGE, ...imports, fileURLToPath(new URL(`../../src/${main}.ts`, import.meta.url))],
};
const START_TIMEOUT_MS = 60_000;

/**
 * Starts the App in a process of its own against the fake GitHub Enterprise host and the fake
 * model, and waits until /healthz answers. It runs in an empty directory so that a developer's
 * .env cannot change what is measured.
 */
export async function spawnApp(githubUrl: string, modelBaseUrl: string, options: AppOptions): Promise<RunningApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const webhookSecret = "bench-webhook-secret";
  const cwd = mkdtempSync(join(tmpdir(), "patchwise-bench-"));
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const child = spawn(process.execPath, NODE_ARGS[options.entry](MAIN[options.role ?? "server"], (options.imports ?? []).flatMap((url) => ["--import", url.href])), {
    cwd,
    env: {
      PATH: process.env.PATH,
      APP_ID: "12345",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: webhookSecret,
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "info",
      GHE_HOST: githubUrl.replace("http://", ""),
      GHE_PROTOCOL: "http",
      PATCHWISE_PROVIDER: "openai",
      OPENAI_API_KEY: "sk-bench",
      OPENAI_BASE_URL: modelBaseUrl,
      PATCHWISE_TELEMETRY_DISABLED: "true",
      ...(options.model === undefined ? {} : { PATCHWISE_MODEL: options.model }),
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let output = "";
  const keep = (chunk: Buffer) => (output += chunk.toString("utf8"));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const app: RunningApp = {
    url,
    webhookSecret,
    output: () => output,
    resourceUsage: () =>
      new Promise((resolve, reject) => {
        child.once("message", (usage) => resolve(usage as NodeJS.ResourceUsage));
        if (!child.send("resource-usage")) reject(new Error("the App's IPC channel is closed"));
      }),
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
      rmSync(cwd, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while ((await fetch(`${url}/healthz`).catch(() => null))?.status !== 200) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await app.stop();
      throw new Error(`the App did not start (exit code ${child.exitCode}); its output:\n${output.slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return app;
}
