import { describe, expect, it, jest } from "@jest/globals";
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { reviewWithActionEntry } from "../helpers/review-with-action-entry.js";
import { SLOW_TEST_TIMEOUT_MS } from "../helpers/wait-for.js";

// Builds the bundle and starts processes: a safety net far above what these tests need.
jest.setTimeout(SLOW_TEST_TIMEOUT_MS);

describe("the Action's committed bundle (action-dist/)", () => {
  it("is what the sources build today (npm run bundle:action was run and committed)", async () => {
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ["scripts/bundle-action.mjs", "--check"], { encoding: "utf8" }, (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out, stderr: err }));
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^action-dist\/ matches the sources \(\d+ files\)\n$/);
  });

  it("is what action.yml runs, on the runner's Node, with no image", () => {
    const action = parse(readFileSync("action.yml", "utf8")) as { runs: Record<string, unknown> };
    expect(action.runs).toEqual({ using: "node24", main: "action-dist/main.mjs" });
  });

  it("reviews a pull_request event on its own, with no node_modules beside it: one review, one summary", async () => {
    // A copy away from the repository, so nothing can be found in its node_modules.
    const copy = mkdtempSync(join(tmpdir(), "patchwise-action-dist-"));
    cpSync("action-dist", copy, { recursive: true });
    const run = await reviewWithActionEntry(process.execPath, [join(copy, "main.mjs")]).finally(() => rmSync(copy, { recursive: true, force: true }));

    expect(run.stdout).not.toContain("::error::");
    // The grammars and the tokenizer's tables came along: related code was read and parsed.
    expect(run.stdout).toContain('"msg":"related code selected"');
    expect(run.code).toBe(0);
    expect(run.reviews).toEqual([
      expect.objectContaining({ event: "COMMENT", comments: [expect.objectContaining({ path: "src/total.js", line: 3, side: "RIGHT", body: expect.stringContaining("```suggestion\n  return sum;\n```") })] }),
    ]);
    expect(run.comments).toEqual([expect.objectContaining({ body: expect.stringContaining("<!-- patchwise:summary -->") })]);
  });
});
