import { describe, expect, it } from "@jest/globals";
import { secretLintProfiler } from "@secretlint/profiler";
import { performance } from "node:perf_hooks";
import { lintWithSecretlint } from "../../../src/core/redact/lint-with-secretlint.js";
import { makeSecretCases } from "../../fixtures/secrets/make-secret-cases.js";

describe("lintWithSecretlint", () => {
  it("leaves no profiling marks behind, so a long-running App does not grow with every file", async () => {
    const text = makeSecretCases()
      .map((secretCase) => secretCase.text)
      .join("\n");
    const marksBefore = performance.getEntriesByType("mark").length;

    for (let call = 0; call < 50; call++) await lintWithSecretlint(text, `src/file-${call}.ts`);

    expect(performance.getEntriesByType("mark").length).toBe(marksBefore);
    expect(await secretLintProfiler.getEntries()).toEqual([]);
  });

});
