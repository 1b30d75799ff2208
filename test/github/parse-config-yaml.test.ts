import { describe, expect, it } from "@jest/globals";
import { ConfigReadError } from "../../src/github/config-read-error.js";
import { MAX_CONFIG_BYTES, parseConfigYaml } from "../../src/github/parse-config-yaml.js";

const PATH = ".github/patchwise.yml";

function readError(text: string): ConfigReadError {
  try {
    parseConfigYaml(text, PATH);
  } catch (error) {
    if (error instanceof ConfigReadError) return error;
    throw error;
  }
  throw new Error("parsed without an error");
}

/** `count` distinct keys, one per line. */
const manyKeys = (count: number) => Array.from({ length: count }, (_, i) => `key${i}: 1\n`).join("");

describe("parseConfigYaml", () => {
  it("reads a full config (the README's example)", () => {
    const text = [
      "model: gpt-4.1",
      'include: ["dist/schema.sql"]',
      'exclude: ["docs/**", "**/*.snap"]',
      "excludeCategories: [style]",
      "limits:",
      "  maxFiles: 300",
      "commands:",
      "  replyToRefused: always",
      "instructions: |",
      "  We use Result types instead of exceptions.",
    ].join("\n");
    expect(parseConfigYaml(text, PATH)).toEqual({
      model: "gpt-4.1",
      include: ["dist/schema.sql"],
      exclude: ["docs/**", "**/*.snap"],
      excludeCategories: ["style"],
      limits: { maxFiles: 300 },
      commands: { replyToRefused: "always" },
      instructions: "We use Result types instead of exceptions.\n",
    });
  });

  it.each([
    ["an empty file", ""],
    ["comments only", "# nothing yet\n"],
  ])("reads %s as no settings", (_case, text) => {
    expect(parseConfigYaml(text, PATH)).toEqual({});
  });

  // Parsing time grew with the square of the keys: 619 KB of 30,000 keys held a webhook for 15 s.
  it.each([
    ["a file of 30,000 keys", manyKeys(30_000), "341 KiB"],
    ["a 5 MB file", `instructions: "${"x".repeat(5 * 1024 * 1024)}"\n`, "5121 KiB"],
    ["one byte over the limit", `instructions: "${"x".repeat(MAX_CONFIG_BYTES - 16)}"\n`, "65 KiB"],
  ])("refuses %s before parsing it", (_case, text, size) => {
    const error = readError(text);
    expect(error.message).toBe(`${PATH}: ${size}, over the 64 KiB a config file may have; fix the file on the default branch and run /review again`);
  });

  it("reads a file just under the limit, of as many keys as fit", () => {
    const text = manyKeys(6_000);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_CONFIG_BYTES);
    expect(Object.keys(parseConfigYaml(text, PATH))).toHaveLength(6_000);
  });

  // A few KiB of nesting made the parser's recursion exhaust the stack and take the process down.
  it.each([
    ["flow lists", `exclude: ${"[".repeat(5_000)}${"]".repeat(5_000)}\n`],
    ["flow mappings", `limits: ${"{a: ".repeat(5_000)}1${"}".repeat(5_000)}\n`],
    ["block lists", `exclude:\n  ${"- ".repeat(5_000)}x\n`],
  ])("refuses %s nested thousands deep", (_case, text) => {
    const error = readError(text);
    expect(error.message).toMatch(/^\.github\/patchwise\.yml line [12]: nested more than 16 levels deep; fix the file/);
  });

  it("refuses aliases that expand past the limit (billion laughs)", () => {
    const text = ["a: &a [x, x, x, x, x, x, x, x, x, x]", "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]", "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]", "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]"].join("\n");
    expect(readError(text).detail).toBe(`${PATH}: its aliases expand to more than 100 copies`);
  });

  it("keeps a few aliases", () => {
    expect(parseConfigYaml("include: &shared ['a/**']\nexclude: *shared\n", PATH)).toEqual({ include: ["a/**"], exclude: ["a/**"] });
  });

  it.each([
    ["at the top", "drafts: true\nmodel: a\ndrafts: false\n", 3],
    ["in a section", "limits:\n  maxFiles: 1\n  maxChangedLines: 2\n  maxFiles: 3\n", 4],
    ["in a flow mapping", "commands: {allowAuthor: true, allowAuthor: false}\n", 1],
  ])("refuses a key given twice %s, on its line", (_case, text, line) => {
    expect(readError(text)).toMatchObject({ line, detail: `${PATH} line ${line}: not valid YAML (DUPLICATE_KEY)` });
  });

  it("names the line of a syntax error without quoting the file", () => {
    const error = readError("model: gpt-4.1\nexclude: [ 'sk-secret-in-config'\ndrafts: true\n");
    expect(error.detail).toMatch(/^\.github\/patchwise\.yml line \d+: not valid YAML \([A-Z_]+\)$/);
    expect(error.message).not.toContain("sk-secret");
  });

  it("refuses a second document", () => {
    expect(readError("drafts: true\n---\ndrafts: false\n")).toMatchObject({ line: 2, detail: `${PATH} line 2: not valid YAML (MULTIPLE_DOCS)` });
  });

  it.each([
    ["a list", "- drafts: true\n"],
    ["a word", "just some words\n"],
    ["a number", "42\n"],
  ])("refuses %s, which is not a mapping of settings", (_case, text) => {
    expect(readError(text).detail).toBe(`${PATH}: not a mapping of settings`);
  });
});
