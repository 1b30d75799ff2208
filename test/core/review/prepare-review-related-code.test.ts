import { beforeAll, describe, expect, it } from "@jest/globals";
import { countTokens as countO200k } from "gpt-tokenizer/encoding/o200k_base";
import { DEFAULT_REPO_CONFIG } from "../../../src/core/config/repo-config-schema.js";
import type { RelatedCodeSelection } from "../../../src/core/context/types.js";
import { prepareReview } from "../../../src/core/review/prepare-review.js";
import { sizeModelRequests } from "../../../src/core/tokens/size-model-requests.js";
import { loadPromptTemplates } from "../../../src/prompts/load-prompt-templates.js";

let templates: { system: string; user: string };
beforeAll(async () => {
  templates = await loadPromptTemplates();
});

describe("prepareReview with related code", () => {
  it("sends the selected snippets and hands the summary what the budget cut: definitions as signature only, candidates left out", async () => {
    const selection: RelatedCodeSelection = {
      snippets: [{ path: "src/price.ts", startLine: 3, endLine: 3, reason: "definition of function `price` called in src/cart.ts:2 (signature only)", relation: "definition", text: "export function price(item: Item): number {" }],
      dropped: { count: 3, lines: 20 },
      signaturesOnly: 1,
      stats: { candidates: 4, parsedFiles: 2, fallbackFiles: 0, searchedNames: 1, parseCapReached: false, selectedLines: 1 },
    };
    const prepared = await prepareReview({
      title: "Cart total",
      body: "",
      files: [{ path: "src/cart.ts", status: "modified", additions: 1, deletions: 1, patch: "@@ -1,2 +1,2 @@\n export function total(items: Item[]) {\n-  return 0;\n+  return items.reduce((sum, item) => sum + price(item), 0);" }],
      config: DEFAULT_REPO_CONFIG,
      templates,
      ...sizeModelRequests("gpt-4.1-mini", { operatorContextWindow: undefined, maxOutputTokens: 1_000 }, countO200k),
      relatedCode: async () => selection,
    });

    expect(prepared.prompts.map((prompt) => prompt.user).join("\n")).toContain("export function price(item: Item): number {");
    expect(prepared.relatedCode).toEqual({
      snippets: [{ path: "src/price.ts", startLine: 3, endLine: 3, reason: selection.snippets[0]!.reason }],
      dropped: { count: 3, lines: 20 },
      signaturesOnly: 1,
    });
  });
});
