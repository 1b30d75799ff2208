import { beforeAll, describe, expect, it } from "@jest/globals";
import { countTokens as countO200k } from "gpt-tokenizer/encoding/o200k_base";
import { parseRepoConfig } from "../../../src/core/config/parse-repo-config.js";
import { prepareReview } from "../../../src/core/review/prepare-review.js";
import { sizeModelRequests } from "../../../src/core/tokens/size-model-requests.js";
import { loadPromptTemplates } from "../../../src/prompts/load-prompt-templates.js";

let templates: { system: string; user: string };
beforeAll(async () => {
  templates = await loadPromptTemplates();
});

// A file whose diff fills most of a 6,000-token window: two of them cannot share one request.
const bigFile = (path: string) => ({
  path,
  status: "modified" as const,
  additions: 120,
  deletions: 0,
  patch: `@@ -1,1 +1,121 @@\n const base = 0;\n${Array.from({ length: 120 }, (_, i) => `+export const value${i} = computeSomething(base, ${i}, "padding text for tokens");`).join("\n")}`,
});

describe("prepareReview with instructions scoped by path", () => {
  it("each part reaches only the requests whose files match its globs", async () => {
    const { config } = parseRepoConfig({
      relatedCodeLines: 0,
      instructions: [
        { paths: ["migrations/**"], text: "Every migration must be reversible." },
        { paths: ["web/**"], text: "Check accessibility." },
      ],
    });
    const prepared = await prepareReview({
      title: "Two areas",
      body: "",
      files: [bigFile("migrations/001.ts"), bigFile("web/page.ts")],
      config,
      templates,
      ...sizeModelRequests("gpt-4.1-mini", { operatorContextWindow: 6_000, maxOutputTokens: 500 }, countO200k),
    });

    expect(prepared.prompts.map((prompt) => prompt.paths)).toEqual([["migrations/001.ts"], ["web/page.ts"]]);
    const [migrations, web] = prepared.prompts.map((prompt) => prompt.system);
    expect(migrations).toContain("Every migration must be reversible.");
    expect(migrations).not.toContain("Check accessibility.");
    expect(web).toContain("Check accessibility.");
    expect(web).not.toContain("Every migration must be reversible.");
  });
});
