import { afterEach, beforeEach } from "@jest/globals";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { loadWebhookExample } from "../helpers/webhook-examples.js";
import { buildTarball } from "../repo/build-tarball.js";

// The pull request the Action tests review: a real `pull_request.opened` event, one changed file.
export const API = "https://api.github.com";
export const payload = loadWebhookExample("pull_request", (p) => p.action === "opened");
export const owner: string = payload.repository.owner.login;
export const repo: string = payload.repository.name;
export const number: number = payload.pull_request.number;
export const headSha: string = payload.pull_request.head.sha;
export const prPath = `/repos/${owner}/${repo}/pulls/${number}`;
export const PATCH = "@@ -1,2 +1,3 @@\n const a = 1;\n+const b = a / 0;\n const c = 2;";
// The repository at the head commit, which the Action reads for related code like the App does.
export const TARBALL = await buildTarball(`${owner}-${repo}-head`, [{ name: "src/a.ts", content: "const a = 1;\nconst b = a / 0;\nconst c = 2;\n" }]);

export const MODEL_API = "https://models.example.test/v1";

/**
 * The default branch holds no `.github/patchwise.yml` and no instruction files for GitHub's
 * reviewer: both reads answer 404. Every review or answer that prepares a model request makes both.
 */
export function readsNoRepoSettings(scope: nock.Scope): nock.Scope {
  return scope
    .get(`/repos/${owner}/${repo}/contents/.github%2Fpatchwise.yml`)
    .reply(404, { message: "Not Found" })
    .get(`/repos/${owner}/${repo}/contents/.github`)
    .reply(404, { message: "Not Found" });
}

/**
 * A fresh directory for each test's event file, removed after it with every nock left over:
 * returns the function that writes the step's environment for `event` there (see writeActionEnv).
 */
export function useActionEnv(): (event: Record<string, unknown>, eventName?: string, extra?: Record<string, string>) => Record<string, string> {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "patchwise-action-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    nock.cleanAll();
  });
  return (event, eventName, extra) => writeActionEnv(dir, event, eventName, extra);
}

/** The environment GitHub gives the Action's step for `event` (written to `dir`/event.json), with the workflow's inputs. */
export function writeActionEnv(dir: string, event: Record<string, unknown>, eventName = "pull_request", extra: Record<string, string> = {}): Record<string, string> {
  const eventPath = join(dir, "event.json");
  writeFileSync(eventPath, JSON.stringify(event));
  return {
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_API_URL: API,
    GITHUB_RUN_ID: "77",
    "INPUT_GITHUB-TOKEN": "ghs_workflowtoken",
    INPUT_PROVIDER: "openai",
    INPUT_MODEL: "gpt-test",
    "INPUT_API-KEY": "sk-test",
    "INPUT_BASE-URL": MODEL_API,
    "INPUT_CONFIG-PATH": ".github/patchwise.yml",
    "INPUT_FAIL-ON": "",
    PATCHWISE_MODEL_MAX_RETRIES: "0",
    ...extra,
  };
}

/** An OpenAI chat completion whose message is `content` as JSON, from `model`, with its token counts. */
export function chatCompletion(content: unknown, model: string, tokens: { prompt: number; completion: number }) {
  return {
    id: "c1",
    object: "chat.completion",
    created: 1,
    model,
    choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: JSON.stringify(content), refusal: null } }],
    usage: { prompt_tokens: tokens.prompt, completion_tokens: tokens.completion, total_tokens: tokens.prompt + tokens.completion },
  };
}
