import { describe, expect, it } from "@jest/globals";
import { parseInstructionFile } from "../../../src/core/instructions/parse-instruction-file.js";

const SCOPED = ".github/instructions/area.instructions.md";
const bytes = (text: string) => new TextEncoder().encode(text);
const parse = (text: string, path = SCOPED) => parseInstructionFile(path, bytes(text));

describe("parseInstructionFile", () => {
  it.each([
    ["one glob", 'applyTo: "app/models/**/*.rb"', ["app/models/**/*.rb"]],
    ["comma-separated globs, spaces around them", 'applyTo: "**/*.ts, **/*.tsx ,src/*.py"', ["**/*.ts", "**/*.tsx", "src/*.py"]],
    ["an unquoted glob", "applyTo: migrations/**", ["migrations/**"]],
    ["single quotes", "applyTo: '**/*.go'", ["**/*.go"]],
    ["a leading ./ or /", 'applyTo: "./src/**,/lib/**"', ["src/**", "lib/**"]],
    ["commas inside braces, which are one glob", 'applyTo: "**/*.{ts,tsx},docs/[a,b]*.md"', ["**/*.{ts,tsx}", "docs/[a,b]*.md"]],
    ["an empty part between commas", 'applyTo: "a/**,,b/**,"', ["a/**", "b/**"]],
    ["other keys beside it", 'description: "Rails models"\napplyTo: "app/**"\nexcludeAgent: "coding-agent"', ["app/**"]],
    ["`**`: every file", 'applyTo: "**"', "all"],
    ["`*`: every file, as GitHub documents it", 'applyTo: "*"', "all"],
    ["`**/*` among others: every file", 'applyTo: "src/**,**/*"', "all"],
  ])("front matter with %s", (_case, frontMatter, applyTo) => {
    expect(parse(`---\n${frontMatter}\n---\nUse the repository's logger.\n`)).toEqual({ path: SCOPED, applyTo, text: "Use the repository's logger." });
  });

  it.each([
    ["CRLF line ends", "---\r\napplyTo: \"src/**\"\r\n---\r\nUse the logger.\r\n", { applyTo: ["src/**"], text: "Use the logger." }],
    ["a byte order mark", '\uFEFF---\napplyTo: "src/**"\n---\nUse the logger.', { applyTo: ["src/**"], text: "Use the logger." }],
    ["a `---` rule later in the text", '---\napplyTo: "src/**"\n---\nFirst.\n\n---\n\nSecond.', { applyTo: ["src/**"], text: "First.\n\n---\n\nSecond." }],
  ])("reads a file with %s", (_case, text, expected) => {
    expect(parse(text)).toEqual({ path: SCOPED, ...expected });
  });

  it.each([
    ["no front matter", "Use the logger.\n", "its front matter has no `applyTo` globs"],
    ["front matter without applyTo", '---\ndescription: "x"\n---\nUse the logger.', "its front matter has no `applyTo` globs"],
    ["applyTo as a list", "---\napplyTo: [src/**]\n---\nUse the logger.", "its `applyTo` is not a text of comma-separated globs"],
    ["applyTo of commas only", '---\napplyTo: ", ,"\n---\nUse the logger.', "its `applyTo` names no globs"],
    ["a brace bomb in applyTo", `---\napplyTo: "${"{a,b}".repeat(17)}"\n---\nUse the logger.`, "its `applyTo` is not usable: its braces expand to more than 32 patterns"],
    ["excludeAgent: code-review", '---\napplyTo: "**"\nexcludeAgent: "code-review"\n---\nRun the tests.', "its `excludeAgent: code-review` keeps it from code reviewers"],
    ["no closing ---", '---\napplyTo: "src/**"\nUse the logger.', "its front matter has no closing `---` line"],
    ["front matter that is not YAML", '---\napplyTo: "src/**\n  - [\n---\nUse the logger.', "its front matter is not valid YAML"],
    ["a duplicated key", '---\napplyTo: "a/**"\napplyTo: "b/**"\n---\nUse the logger.', "its front matter is not valid YAML (DUPLICATE_KEY)"],
    ["front matter that is a list", "---\n- a\n- b\n---\nUse the logger.", "its front matter is not a mapping of keys"],
    ["nested brackets under the bound", `---\napplyTo: ${"[".repeat(990)}\n---\nUse the logger.`, "its front matter is not valid YAML"],
    ["two thousand nested brackets", `---\napplyTo: ${"[".repeat(2_000)}\n---\nUse the logger.`, "its front matter is longer than 1,000 characters"],
    ["aliases that expand far", `---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [${Array(10).fill("*a").join(", ")}]\nc: [${Array(10).fill("*b").join(", ")}]\napplyTo: "**"\n---\nUse the logger.`, "its front matter's aliases expand too far"],
    ["front matter only", '---\napplyTo: "src/**"\n---\n\n', "it holds no instructions"],
  ])("skips a file with %s, saying why", (_case, text, reason) => {
    const result = parse(text);
    expect(result).toEqual({ path: SCOPED, reason: expect.stringContaining(reason) });
    // The reason is ours: nothing of the file's text.
    expect(JSON.stringify(result)).not.toContain("logger");
  });

  it.each([
    ["bytes that are not UTF-8", new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xc3, 0x28, 0x0a]), "not valid UTF-8 text"],
    ["NUL bytes (a binary file)", new Uint8Array([0x41, 0x00, 0x42]), "not text (it holds NUL bytes)"],
  ])("skips %s", (_case, content, reason) => {
    expect(parseInstructionFile(SCOPED, content)).toEqual({ path: SCOPED, reason });
  });

  it("takes the repository-wide file whole, for every file, with or without front matter", () => {
    const path = ".github/copilot-instructions.md";
    expect(parse("# Conventions\n\nUse the logger.\n", path)).toEqual({ path, applyTo: "all", text: "# Conventions\n\nUse the logger." });
    expect(parse('---\napplyTo: "docs/**"\n---\nUse the logger.', path)).toEqual({ path, applyTo: "all", text: "Use the logger." });
    expect(parse('---\nexcludeAgent: "code-review"\n---\nUse the logger.', path)).toEqual({ path, reason: "its `excludeAgent: code-review` keeps it from code reviewers" });
    expect(parse("  \n", path)).toEqual({ path, reason: "it holds no instructions" });
  });
});
