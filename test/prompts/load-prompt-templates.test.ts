import { describe, expect, it } from "@jest/globals";
import { readFile } from "node:fs/promises";
import { loadPromptTemplates } from "../../src/prompts/load-prompt-templates.js";

describe("loadPromptTemplates", () => {
  it("reads the review templates shipped in src/prompts", async () => {
    const templates = await loadPromptTemplates();
    expect(templates).toEqual({
      system: await readFile("src/prompts/review.system.md", "utf8"),
      user: await readFile("src/prompts/review.user.md", "utf8"),
      verify: {
        system: await readFile("src/prompts/verify.system.md", "utf8"),
        user: await readFile("src/prompts/verify.user.md", "utf8"),
      },
      ask: {
        system: await readFile("src/prompts/ask.system.md", "utf8"),
        user: await readFile("src/prompts/ask.user.md", "utf8"),
      },
      thread: {
        system: await readFile("src/prompts/thread.system.md", "utf8"),
        user: await readFile("src/prompts/thread.user.md", "utf8"),
      },
      describe: {
        system: await readFile("src/prompts/describe.system.md", "utf8"),
        user: await readFile("src/prompts/describe.user.md", "utf8"),
      },
    });
    expect(templates.system).toContain("{{hunkFormat}}");
    expect(templates.user).toContain("{{diff}}");
    expect(templates.user).toContain("{{focus}}");
    expect(templates.verify.system).toContain("{{hunkFormat}}");
    expect(templates.verify.user).toContain("{{findings}}");
  });
});
