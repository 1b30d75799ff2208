import { beforeAll, describe, expect, it } from "@jest/globals";
import { countTokens as countO200k } from "gpt-tokenizer/encoding/o200k_base";
import { parseRepoConfig } from "../../../src/core/config/parse-repo-config.js";
import { prepareReview } from "../../../src/core/review/prepare-review.js";
import { reviewBudget } from "../../../src/core/files/review-budget-settings.js";
import { DEFAULT_MAX_REVIEW_TOKENS } from "../../../src/core/tokens/resolve-model-limits.js";
import { sizeModelRequests } from "../../../src/core/tokens/size-model-requests.js";
import type { ChangedFile } from "../../../src/core/types.js";
import { loadPromptTemplates } from "../../../src/prompts/load-prompt-templates.js";

let templates: { system: string; user: string };
beforeAll(async () => {
  templates = await loadPromptTemplates();
});

// A file of `lines` added lines of distinct code.
function added(path: string, lines: number): ChangedFile {
  const body = Array.from({ length: lines }, (_, i) => `+export const ${path.replace(/\W/g, "_")}_${i} = computeLimit(${i}, "${path}");`).join("\n");
  return { path, status: "added", additions: lines, deletions: 0, patch: `@@ -0,0 +1,${lines} @@\n${body}` };
}

const files = Array.from({ length: 40 }, (_, i) => added(`src/module${String(i).padStart(2, "0")}.ts`, 100));

async function prepare(config: unknown, requestTokens?: number) {
  const { config: parsed, problems } = parseRepoConfig(config);
  expect(problems).toEqual([]);
  return prepareReview({
    title: "Limits",
    body: "",
    files,
    config: parsed,
    templates,
    ...sizeModelRequests("gpt-4.1-mini", { maxOutputTokens: 8_000, requestTokens, repoRequestTokens: parsed.requestTokens }, countO200k),
    budget: reviewBudget({ maxReviewTokens: DEFAULT_MAX_REVIEW_TOKENS }, parsed),
  });
}

describe("prepareReview: the request budget", () => {
  it("splits a pull request larger than the request budget into requests of at most that size, though the window would hold it all", async () => {
    const prepared = await prepare({}, 16_000);
    expect(prepared.prompts.length).toBeGreaterThan(2);
    for (const prompt of prepared.prompts) expect(prompt.inputTokens).toBeLessThanOrEqual(16_000);
    expect(prepared.prompts.flatMap((prompt) => prompt.paths).sort()).toEqual(files.map((file) => file.path));
    expect(prepared.skippedFiles).toEqual([]);
  });

  it("lets a repository lower the budget (more, smaller requests) but not raise it", async () => {
    const operator = await prepare({}, 16_000);
    const lowered = await prepare({ requestTokens: 8_000 }, 16_000);
    const raised = await prepare({ requestTokens: 500_000 }, 16_000);
    expect(lowered.prompts.length).toBeGreaterThan(operator.prompts.length);
    for (const prompt of lowered.prompts) expect(prompt.inputTokens).toBeLessThanOrEqual(8_000);
    expect(raised.prompts.length).toBe(operator.prompts.length);
  });
});

describe("prepareReview: the review budget", () => {
  it("reviews a whole 300-file, 30,000-line pull request within the default budget", async () => {
    const many = Array.from({ length: 300 }, (_, i) => added(`pkg${i % 12}/file${String(i).padStart(3, "0")}.ts`, 100));
    const { config } = parseRepoConfig({});
    const prepared = await prepareReview({
      title: "Limits",
      body: "",
      files: many,
      config,
      templates,
      ...sizeModelRequests("gpt-4.1-mini", { maxOutputTokens: 8_000 }, countO200k),
      budget: { operatorMaxTokens: DEFAULT_MAX_REVIEW_TOKENS },
    });
    expect(prepared.skippedFiles).toEqual([]);
    expect(new Set(prepared.prompts.flatMap((prompt) => prompt.paths)).size).toBe(300);
    expect(prepared.planned.inputTokens).toBeLessThan(DEFAULT_MAX_REVIEW_TOKENS);
    for (const prompt of prepared.prompts) expect(prompt.inputTokens).toBeLessThanOrEqual(32_000);
  });

  it("lists the files past a repository's lower token budget with the figure that stopped them", async () => {
    const prepared = await prepare({ limits: { maxReviewTokens: 20_000 } }, 8_000);
    expect(prepared.planned.inputTokens).toBeLessThanOrEqual(20_000);
    expect(prepared.skippedFiles.length).toBeGreaterThan(0);
    expect(prepared.skippedFiles[0]?.reason).toMatch(/would pass the review's budget of 20,000 tokens \(limits\.maxReviewTokens in \.github\/patchwise\.yml\)/);
    const sent = prepared.prompts.flatMap((prompt) => prompt.paths);
    expect([...sent, ...prepared.skippedFiles.map((file) => file.path)].sort()).toEqual(files.map((file) => file.path));
  });
});
