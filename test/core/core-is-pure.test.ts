import { describe, expect, it } from "@jest/globals";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// The functional core must not reach the network, the disk, the clock, the environment or the
// logger: that is what lets every shell (App, Action, CLI) share it and keeps code off the disk.
const FORBIDDEN = [/from "node:/, /from "(fs|http|https|net|child_process|os|path)"/, /\bprocess\./, /from "(probot|@octokit\/[^"]+|openai|@anthropic-ai\/sdk|pino)"/, /from "\.\.\/\.\.\/(app|github|providers|pipeline|cli|action)\//, /\bDate\.now\(|new Date\(\)/];

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

describe("src/core", () => {
  const files = listFiles(join(process.cwd(), "src/core"));

  it("has source files to check", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [f.slice(process.cwd().length + 1), f]))("%s imports no I/O, SDK or shell module", (_name, file) => {
    const source = readFileSync(file, "utf8");
    const offending = FORBIDDEN.filter((pattern) => pattern.test(source)).map(String);
    expect(offending).toEqual([]);
  });
});
