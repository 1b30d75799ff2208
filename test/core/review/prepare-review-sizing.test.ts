import { beforeAll, describe, expect, it } from "@jest/globals";
import { countTokens as countO200k } from "gpt-tokenizer/encoding/o200k_base";
import { parseRepoConfig } from "../../../src/core/config/parse-repo-config.js";
import { prepareReview } from "../../../src/core/review/prepare-review.js";
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
  const { config: parsed } = parseRepoConfig(config);
  return prepareReview({
    title: "Limits",
    body: "",
    files,
    config: parsed,
    templates,
    ...sizeModelRequests("gpt-4.1-mini", { maxOutputTokens: 8_000, requestTokens, repoRequestTokens: parsed.requestTokens }, countO200k),
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
