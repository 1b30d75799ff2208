import { describe, expect, it } from "@jest/globals";
import { dropRepeatedFindings } from "../../../src/core/findings/drop-repeated-findings.js";
import { fingerprintFinding, renderFingerprintMarker } from "../../../src/core/findings/fingerprint-finding.js";
import { readFingerprints, type ExistingComment } from "../../../src/core/findings/read-fingerprints.js";
import type { Finding } from "../../../src/core/types.js";
import { makeFinding } from "../../helpers/make-finding.js";


// The text of the commented lines, by path and line, as the diff of the new push shows it.
const TEXT: Record<string, string> = {
  "src/cart.ts:12": "  return items.reduce((sum, item) => sum + item.price, 0);",
  "src/cart.ts:30": "    return items.reduce((sum, item) => sum + item.price, 0);",
  "src/basket.ts:12": "  return items.reduce((sum, item) => sum + item.price, 0);",
  "src/cart.ts:40": "  const tax = total * rate;",
};
const linesTextOf = (f: Finding): string | null => TEXT[`${f.path}:${f.line}`] ?? null;

function commentFor(f: Finding, text: string, extra: Partial<ExistingComment> = {}): ExistingComment {
  return { body: `**🟠 Major · bug** — ${f.title}\n\n${f.body}\n\n${renderFingerprintMarker(fingerprintFinding(f, text))}`, path: f.path, line: f.line, ...extra };
}

const NONE = new Map<string, string>();
const EARLIER = commentFor(makeFinding(), TEXT["src/cart.ts:12"]!);

describe("dropRepeatedFindings", () => {
  // Every row has all five items: jest passes a `done` callback in place of a missing trailing one.
  it.each<[string, Finding, ExistingComment[], string | null, Map<string, string>]>([
    ["the same finding on the same lines", makeFinding(), [EARLIER], "already reported", NONE],
    ["the same lines moved down and re-indented", makeFinding({ line: 30 }), [EARLIER], "already reported", NONE],
    ["the title reworded in case and punctuation", makeFinding({ title: "total ignores the discount." }), [EARLIER], "already reported", NONE],
    ["a thread a person resolved", makeFinding(), [{ ...EARLIER, resolved: true }], "resolved by a person", NONE],
    ["a comment a person dismissed", makeFinding(), [{ ...EARLIER, dismissed: true }], "dismissed", NONE],
    ["the strongest reason when several comments carry it", makeFinding(), [EARLIER, { ...EARLIER, dismissed: true }, { ...EARLIER, resolved: true }], "dismissed", NONE],
    ["a renamed file, commented under its old path", makeFinding({ path: "src/basket.ts" }), [EARLIER], "already reported", new Map([["src/basket.ts", "src/cart.ts"]])],
    ["a merged comment listing this place's fingerprint second", makeFinding({ line: 40, title: "Tax ignores the region" }), [{ ...EARLIER, body: `x\n\n${renderFingerprintMarker([fingerprintFinding(makeFinding(), TEXT["src/cart.ts:12"]!), fingerprintFinding(makeFinding({ title: "Tax ignores the region" }), TEXT["src/cart.ts:40"]!)])}` }], "already reported", NONE],
    ["another file with the same code", makeFinding({ path: "src/basket.ts" }), [EARLIER], null, NONE],
    ["another category", makeFinding({ category: "performance" }), [EARLIER], null, NONE],
    ["changed code on the same line", makeFinding({ line: 40 }), [EARLIER], null, NONE],
    ["a comment without a marker", makeFinding(), [{ ...EARLIER, body: "Total ignores the discount" }], null, NONE],
    ["a marker of another version", makeFinding(), [{ ...EARLIER, body: EARLIER.body.replace("fp v1", "fp v2") }], null, NONE],
  ])("%s", (_name, input, existing, reason, previousPaths) => {
    const result = dropRepeatedFindings([input], existing, linesTextOf, previousPaths);
    if (reason === null) {
      expect(result.suppressed).toEqual([]);
      expect(result.kept).toEqual([{ ...input, fingerprint: fingerprintFinding(input, linesTextOf(input) ?? "") }]);
    } else {
      expect(result).toEqual({ kept: [], suppressed: [{ finding: input, reason }] });
    }
  });

  it("fingerprints lines it cannot read by path, category and title", () => {
    const unknown = makeFinding({ line: 99 });
    const { kept } = dropRepeatedFindings([unknown], [], linesTextOf);
    expect(kept[0]?.fingerprint).toBe(fingerprintFinding(unknown, ""));
  });

  it("keeps the order of the findings it keeps", () => {
    const a = makeFinding({ line: 40, title: "A" });
    const b = makeFinding({ line: 12 });
    const c = makeFinding({ line: 40, title: "C" });
    const result = dropRepeatedFindings([a, b, c], [EARLIER], linesTextOf);
    expect(result.kept.map((f) => f.title)).toEqual(["A", "C"]);
    expect(result.suppressed.map((s) => s.finding)).toEqual([b]);
  });
});

describe("readFingerprints", () => {
  it("reads every fingerprint of every marker, with the strongest reason", () => {
    const reasons = readFingerprints([
      { body: "a <!-- patchwise:fp v1 aaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbb -->", path: "x", line: 1 },
      { body: "<!-- patchwise:fp v1 bbbbbbbbbbbbbbbb -->", path: "x", line: 2, resolved: true },
      { body: "<!-- patchwise:fp v1 cccccccccccccccc -->\n<!-- patchwise:fp v1 dddddddddddddddd -->", path: "y", line: null, dismissed: true },
      { body: "<!-- patchwise:review sha=abc -->", path: "y", line: 3 },
    ]);
    expect([...reasons].sort()).toEqual([
      ["aaaaaaaaaaaaaaaa", "already reported"],
      ["bbbbbbbbbbbbbbbb", "resolved by a person"],
      ["cccccccccccccccc", "dismissed"],
      ["dddddddddddddddd", "dismissed"],
    ]);
  });
});
