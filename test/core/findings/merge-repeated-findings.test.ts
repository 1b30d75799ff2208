import { describe, expect, it } from "@jest/globals";
import { mergeRepeatedFindings } from "../../../src/core/findings/merge-repeated-findings.js";
import { renderOtherLocations } from "../../../src/core/findings/render-other-locations.js";
import type { Finding } from "../../../src/core/types.js";
import { makeFinding } from "../../helpers/make-finding.js";

// A security finding on one API handler; cases change the place or the wording.
const finding = (overrides: Partial<Finding> = {}): Finding =>
  makeFinding({ path: "src/api/users.ts", line: 10, category: "security", title: "Missing authorisation check on the handler", body: "Anyone can call it; check the caller's role first.", ...overrides });

describe("mergeRepeatedFindings decides what is the same problem", () => {
  it.each<[string, Partial<Finding>, boolean]>([
    ["the same title elsewhere", { path: "src/api/orders.ts", line: 22 }, true],
    ["the title in other case and punctuation", { line: 40, title: "missing authorisation check on the handler!" }, true],
    ["a title differing only in filler words", { line: 40, title: "Missing authorisation check for this handler" }, true],
    ["same title and body in another category", { line: 40, category: "bug" }, true],
    ["a similar title in another category with another body", { line: 40, category: "bug", body: "Other." }, false],
    ["another variable named in the title", { line: 40, title: "Missing authorisation check on the exporter" }, false],
    ["another problem in the same category", { line: 40, title: "SQL built by string concatenation" }, false],
  ])("%s → merged: %s", (_name, other, merged) => {
    const result = mergeRepeatedFindings([finding(), finding(other)]);
    expect(result.mergedAway).toBe(merged ? 1 : 0);
    expect(result.merged).toHaveLength(merged ? 1 : 2);
  });
});

describe("mergeRepeatedFindings builds one comment per problem", () => {
  it("keeps the most severe finding and lists the other places in the model's order", () => {
    const a = finding({ path: "src/api/users.ts", line: 10, severity: "minor" });
    const b = finding({ path: "src/api/orders.ts", line: 22, severity: "critical" });
    const c = finding({ path: "src/api/admin.ts", line: 5, severity: "critical" });
    const other = finding({ line: 50, category: "bug", title: "Off-by-one in pagination", body: "Use <." });
    const result = mergeRepeatedFindings([a, other, b, c]);
    expect(result).toEqual({
      merged: [
        { ...b, otherLocations: [{ path: "src/api/users.ts", line: 10 }, { path: "src/api/admin.ts", line: 5 }], mergedFrom: [a, c] },
        { ...other, otherLocations: [], mergedFrom: [] },
      ],
      mergedAway: 2,
    });
  });

  it("names a place once when two findings there are the same problem", () => {
    const result = mergeRepeatedFindings([finding(), finding({ title: "Missing authorisation check in the handler" }), finding({ line: 30 })]);
    expect(result.merged[0]?.otherLocations).toEqual([{ path: "src/api/users.ts", line: 30 }]);
    expect(result.mergedAway).toBe(2);
  });

  it("keeps extra fields (the fingerprint) on the kept and the folded findings", () => {
    const result = mergeRepeatedFindings([{ ...finding(), fingerprint: "a" }, { ...finding({ line: 30 }), fingerprint: "b" }]);
    expect(result.merged[0]?.fingerprint).toBe("a");
    expect(result.merged[0]?.mergedFrom.map((member) => member.fingerprint)).toEqual(["b"]);
  });

  it("returns nothing for nothing", () => {
    expect(mergeRepeatedFindings([])).toEqual({ merged: [], mergedAway: 0 });
  });
});

describe("renderOtherLocations", () => {
  it.each<[Array<{ path: string; line: number }>, string]>([
    [[], ""],
    [[{ path: "src/a.ts", line: 3 }], "The same problem is also at `src/a.ts:3`."],
    [[{ path: "src/a.ts", line: 3 }, { path: "lib/b.go", line: 40 }], "The same problem is also at `src/a.ts:3`, `lib/b.go:40`."],
    [[{ path: "docs/`odd`.md", line: 1 }], "The same problem is also at ``docs/`odd`.md:1``."],
    [[{ path: "`odd`.md", line: 1 }], "The same problem is also at `` `odd`.md:1 ``."],
  ])("renders %j", (locations, text) => {
    expect(renderOtherLocations(locations)).toBe(text);
  });
});
