import { describe, expect, it } from "@jest/globals";
import { findWrongTargets } from "../../bench/context/find-wrong-targets.js";
import type { UsedDefinition } from "../../bench/context/find-used-definitions.js";
import type { RelatedSnippet } from "../../src/core/context/types.js";

const snippet = (path: string, startLine: number, endLine: number, reason: string): RelatedSnippet => ({ path, startLine, endLine, reason }) as RelatedSnippet;

// `model` on line 19 is a fake server's request (TypeScript: test/fake.ts:8); on line 46 it is a key
// of `Partial<ModelRequest>`, which TypeScript without its standard library does not resolve.
const used: UsedDefinition[] = [
  { name: "model", path: "test/fake.ts", line: 8, kind: "property", usedIn: "test/a.test.ts", usedLine: 19, alsoUsedAt: [34] },
  { name: "get", path: "src/client.ts", line: 5, kind: "method", usedIn: "test/a.test.ts", usedLine: 50 },
];

describe("wrong-target count (bench)", () => {
  it("judges each use on its own line: a snippet for a use TypeScript does not resolve is not judged, one for another use's name is", () => {
    const { judged, wrong } = findWrongTargets(
      [
        snippet("src/ports.ts", 62, 70, "definition of property `model` used in test/a.test.ts:46"),
        snippet("src/ports.ts", 62, 70, "definition of property `model` used in test/a.test.ts:34"),
        snippet("test/fake.ts", 5, 12, "definition of property `model` used in test/a.test.ts:19"),
        snippet("src/other.ts", 1, 9, "caller of `get`; definition of method `get` called in test/a.test.ts:50"),
      ],
      used,
      () => "",
    );
    expect(judged).toBe(3);
    expect(wrong.map((target) => `${target.path}:${target.startLine}`)).toEqual(["src/ports.ts:62", "src/other.ts:1"]);
  });

  it("does not judge a name written twice on its line (a key and a member), which the line cannot tell apart", () => {
    const snippets = [snippet("src/ports.ts", 62, 70, "definition of property `model` used in test/a.test.ts:19")];
    expect(findWrongTargets(snippets, used, () => "  const answer = { model: request.model };").judged).toBe(0);
    expect(findWrongTargets(snippets, used, () => "  const answer = request.model;").wrong).toHaveLength(1);
  });
});
