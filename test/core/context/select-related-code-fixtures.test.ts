import { beforeAll, describe, expect, it } from "@jest/globals";
import { selectRelatedCode } from "../../../src/core/context/select-related-code.js";
import type { SyntaxService } from "../../../src/core/context/types.js";
import { loadSyntaxService } from "../../../src/syntax/load-parsers.js";
import { listContextFixtures, loadContextFixture } from "../../fixtures/context/load-context-fixture.js";

// One small repository per language (test/fixtures/context/<language>/): the change, and the
// snippets a reviewer needs beside it: the enclosing definition, the definitions the changed
// lines use (resolved through that language's imports), the callers and the tests.
let syntax: SyntaxService;

beforeAll(async () => {
  syntax = await loadSyntaxService();
});

describe.each(listContextFixtures())("related code for the %s fixture", (name) => {
  const fixture = loadContextFixture(name);

  it("selects exactly the expected snippets, in rank order, with their reasons", () => {
    const { snippets, dropped } = selectRelatedCode({ patches: fixture.patches, repo: fixture.repo, syntax });
    const actual = snippets.map(({ path, startLine, endLine, reason }) => ({ path, startLine, endLine, reason }));
    expect(actual).toEqual(fixture.expected.snippets.map((expected) => ({ ...expected, reason: expect.stringContaining(expected.reason) })));
    expect(dropped).toEqual({ count: 0, lines: 0 });
  });

  it("holds the text of each snippet's lines", () => {
    const { snippets } = selectRelatedCode({ patches: fixture.patches, repo: fixture.repo, syntax });
    for (const snippet of snippets) {
      const lines = fixture.repo.readText(snippet.path)!.split("\n");
      expect(snippet.text).toBe(lines.slice(snippet.startLine - 1, snippet.endLine).join("\n"));
    }
  });

  it("covers the definition of every symbol the changed lines use", () => {
    const { snippets } = selectRelatedCode({ patches: fixture.patches, repo: fixture.repo, syntax });
    const missing = fixture.expected.symbols.filter((symbol) => !snippets.some((s) => s.path === symbol.path && s.startLine <= symbol.line && symbol.line <= s.endLine));
    expect(missing).toEqual([]);
  });
});
