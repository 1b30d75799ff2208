import { describe, expect, it } from "@jest/globals";
import { renderInlineExtras } from "../../../src/core/findings/render-inline-extras.js";
import { renderSuggestionBlock } from "../../../src/core/findings/render-suggestion-block.js";
import type { InlineFinding } from "../../../src/core/findings/sift-findings.js";
import type { SuggestionCheck } from "../../../src/core/findings/check-suggestion.js";

describe("renderSuggestionBlock", () => {
  it.each<[string, SuggestionCheck, string, string]>([
    ["a one-click suggestion", { kind: "committable", text: "  return x;" }, "a.ts", "```suggestion\n  return x;\n```"],
    ["an empty one-click suggestion that removes the lines", { kind: "committable", text: "" }, "a.ts", "```suggestion\n```"],
    [
      "a plain block in the file's language with the reason",
      { kind: "plain", text: "\tfor {", reason: "it looks cut off (`{` is never closed)", check: "cut-off" },
      "pkg/a.go",
      "_Suggested change, not offered as a one-click suggestion because it looks cut off (`{` is never closed):_\n\n```go\n\tfor {\n```",
    ],
    ["a longer fence around backticks", { kind: "plain", text: "x = ```", reason: "r", check: "parse" }, "notes", "_Suggested change, not offered as a one-click suggestion because r:_\n\n````\nx = ```\n````"],
    [
      "a plain block whose bot command is made inert, reading the same",
      { kind: "plain", text: "x = 1\n/lgtm // @dependabot merge", reason: "a line starts with a bot command", check: "bot-command" },
      "pkg/a.go",
      "_Suggested change, not offered as a one-click suggestion because a line starts with a bot command:_\n\n```go\nx = 1\n\u200B/lgtm // @\u200Bdependabot merge\n```",
    ],
    ["nothing for a dropped suggestion", { kind: "drop", reason: "no suggestion", check: "none" }, "a.ts", ""],
  ])("%s", (_name, check, path, markdown) => {
    expect(renderSuggestionBlock(check, path)).toBe(markdown);
  });
});

describe("renderInlineExtras", () => {
  const base: InlineFinding = {
    path: "src/a.py",
    line: 3,
    startLine: null,
    side: "RIGHT",
    severity: "major",
    category: "bug",
    title: "t",
    body: "b",
    suggestion: "    return 1",
    fingerprint: "1111111111111111",
    otherLocations: [],
    mergedFrom: [],
    fingerprints: ["1111111111111111"],
    suggestionCheck: { kind: "committable", text: "    return 1" },
  };

  it("adds the other places, the suggestion and the marker with every fingerprint", () => {
    expect(
      renderInlineExtras({ ...base, otherLocations: [{ path: "src/b.py", line: 9 }], fingerprints: ["1111111111111111", "2222222222222222"] }),
    ).toEqual(["The same problem is also at `src/b.py:9`.", "```suggestion\n    return 1\n```", "<!-- patchwise:fp v1 1111111111111111 2222222222222222 -->"]);
  });

  it("adds only the marker when there is nothing else to show", () => {
    expect(renderInlineExtras({ ...base, suggestion: null, suggestionCheck: { kind: "drop", reason: "no suggestion", check: "none" } })).toEqual([
      "<!-- patchwise:fp v1 1111111111111111 -->",
    ]);
  });
});
