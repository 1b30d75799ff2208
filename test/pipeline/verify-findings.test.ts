import { afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { parsePatch } from "../../src/core/diff/parse-patch.js";
import { buildRedaction } from "../../src/core/redact/build-redaction.js";
import type { ReviewAnswer } from "../../src/core/review/review-schema.js";
import { verifyFindings, type VerifyFindingsOptions } from "../../src/pipeline/verify-findings.js";
import { loadPromptTemplates } from "../../src/prompts/load-prompt-templates.js";
import { createModelClient } from "../../src/providers/create-model-client.js";
import { startFakeModel, type ChatRequest, type FakeModel } from "../helpers/fake-model.js";
import { makeFinding } from "../helpers/make-finding.js";
import { createRecordingLogger } from "../helpers/silent-logger.js";

// The verify pass over the real OpenAI client, against a chat-completions server on loopback.

const patches = [
  parsePatch({ path: "src/cart.ts", status: "modified", additions: 2, deletions: 0, patch: "@@ -10,3 +10,5 @@\n export function total(items) {\n   let sum = 0;\n+  for (const item of items) sum += item.price;\n+  return sum / items.length;\n }" }),
  parsePatch({ path: "src/tax.ts", status: "added", additions: 1, deletions: 0, patch: "@@ -0,0 +1,1 @@\n+export const RATE = 0.2;" }),
];
// Built from parts so that no scanner mistakes this file for a leak.
const SECRET = ["sk", "_live_", "9fQ2xT7mB4nR8wK1pZ6vL3cY"].join("");

const divides = makeFinding({ line: 13, title: "Divides by zero for an empty cart", body: "`items.length` may be 0." });
const noLoop = makeFinding({ line: 12, title: "Loop skips the first item", body: `The loop starts at 1. Key ${SECRET} seen here.` });
const outside = makeFinding({ line: 90, title: "Somewhere else" });
const rate = makeFinding({ path: "src/tax.ts", line: 1, title: "Rate is hard-coded", severity: "minor", category: "maintainability" });
const answer = (...findings: ReturnType<typeof makeFinding>[]): ReviewAnswer => ({ summary: "S.", walkthrough: [], findings });

let templates: { system: string; user: string };
let fake: FakeModel | undefined;
beforeAll(async () => {
  templates = (await loadPromptTemplates()).verify;
});
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(answer: (request: ChatRequest) => unknown, options: { failWith?: (request: ChatRequest) => number | undefined; latencyMs?: number } = {}) {
  fake = await startFakeModel({ answer, ...options });
  return createModelClient({ provider: "openai", openaiApiKey: "sk-test", openaiBaseUrl: fake.baseUrl, timeoutMs: 5_000, maxRetries: 0 });
}

function options(overrides: Partial<VerifyFindingsOptions> = {}): VerifyFindingsOptions {
  return {
    model: "gpt-4.1-mini",
    templates,
    threshold: 0.5,
    patches,
    redaction: buildRedaction([{ type: "stripe-key", value: SECRET }]),
    maxOutputTokens: 4_000,
    concurrency: 2,
    log: createRecordingLogger(),
    ids: { deliveryId: "d1" },
    ...overrides,
  };
}

const user = (request: ChatRequest) => request.messages.find((message) => message.role === "user")!.content;
/** Scores by finding title, read back from the prompt the verifier got. */
const scoreByTitle = (scores: Record<string, number>) => (request: ChatRequest) => ({
  scores: [...user(request).matchAll(/^Finding (f\d+): .*\nTitle: (.*)$/gm)].map(([, id, title]) => ({ id, score: scores[title!] ?? 1, reason: "checked" })),
});

describe("verifyFindings", () => {
  it("sends one scoring request per answer, drops the findings scored under the threshold, and counts its tokens", async () => {
    const client = await start(scoreByTitle({ "Loop skips the first item": 0.1, "Rate is hard-coded": 0.7 }));

    const result = await verifyFindings(client, [answer(divides, noLoop, outside), answer(rate)], options());

    expect(result.answers.map((a) => a.findings.map((f) => f.title))).toEqual([["Divides by zero for an empty cart", "Somewhere else"], ["Rate is hard-coded"]]);
    expect(fake!.requests).toHaveLength(2);
    const request = fake!.requests.find((r) => user(r).includes("Divides by zero"))!;
    expect(request.response_format).toEqual({ type: "json_schema", json_schema: expect.objectContaining({ name: "submit_scores", strict: true }) });
    expect(request.max_tokens ?? request.max_completion_tokens).toBe(200 + 2 * 80);
    // Only the findings whose cited code the diff shows are asked about.
    expect(user(request)).not.toContain("Somewhere else");
    const tokens = fake!.exchanges.reduce((sum, exchange) => ({ input: sum.input + exchange.usage.prompt_tokens, output: sum.output + exchange.usage.completion_tokens }), { input: 0, output: 0 });
    expect(result.summary).toEqual({ threshold: 0.5, requests: 2, failed: 0, scored: 3, dropped: 1, tokens });
  });

  it("never sends back a value that was redacted from the review prompt", async () => {
    const client = await start(scoreByTitle({}));

    await verifyFindings(client, [answer(noLoop)], options());

    const sent = JSON.stringify(fake!.requests);
    expect(sent).not.toContain(SECRET);
    expect(user(fake!.requests[0]!)).toContain("Key [REDACTED:stripe-key] seen here.");
  });

  it.each<[string, (request: ChatRequest) => unknown, ((request: ChatRequest) => number | undefined) | undefined, string]>([
    ["an answer outside the schema", () => ({ verdict: "all good" }), undefined, "verify answer did not match its schema; findings kept unverified"],
    ["text that is not JSON", () => "f1 looks wrong to me", undefined, "verify answer did not match its schema; findings kept unverified"],
    ["a server error", () => ({}), () => 500, "verify request failed; findings kept unverified"],
  ])("keeps every finding after %s, logs it without content and counts the failure", async (_name, reply, failWith, message) => {
    const client = await start(reply, failWith ? { failWith } : {});
    const log = createRecordingLogger();

    const result = await verifyFindings(client, [answer(divides, noLoop)], options({ log }));

    expect(result.answers[0]!.findings).toEqual([divides, noLoop]);
    expect(result.summary).toMatchObject({ requests: 1, failed: 1, scored: 0, dropped: 0 });
    expect(log.lines).toContainEqual(expect.objectContaining({ level: "warn", msg: message }));
    expect(JSON.stringify(log.lines)).not.toMatch(/Divides|items\.length|looks wrong|verdict/);
  });

  it("keeps the findings of a failed request and applies the scores of the others", async () => {
    const client = await start(scoreByTitle({ "Divides by zero for an empty cart": 0 }), { failWith: (request) => (user(request).includes("Rate is hard-coded") ? 500 : undefined) });

    const result = await verifyFindings(client, [answer(divides), answer(rate)], options());

    expect(result.answers.map((a) => a.findings.length)).toEqual([0, 1]);
    expect(result.summary).toMatchObject({ requests: 2, failed: 1, scored: 1, dropped: 1 });
  });

  it("makes no request for answers without a finding it can check", async () => {
    const client = await start(scoreByTitle({}));

    const result = await verifyFindings(client, [answer(), answer(outside)], options());

    expect(fake!.requests).toEqual([]);
    expect(result.answers[1]!.findings).toEqual([outside]);
    expect(result.summary).toMatchObject({ requests: 0, failed: 0 });
  });

  it("keeps every finding and says why when the verify templates are missing", async () => {
    const client = await start(scoreByTitle({}));

    const result = await verifyFindings(client, [answer(divides)], options({ templates: undefined }));

    expect(fake!.requests).toEqual([]);
    expect(result.answers[0]!.findings).toEqual([divides]);
    expect(result.summary.unavailable).toBe("its prompt templates were not loaded");
  });

  it("rejects when the review is aborted (a newer commit superseded it), instead of keeping findings", async () => {
    const client = await start(scoreByTitle({}), { latencyMs: 2_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("superseded")), 50);

    await expect(verifyFindings(client, [answer(divides)], options({ signal: controller.signal }))).rejects.toBeDefined();
    expect(controller.signal.aborted).toBe(true);
  });
});
