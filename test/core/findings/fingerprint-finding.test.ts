import { describe, expect, it } from "@jest/globals";
import { fingerprintFinding, renderFingerprintMarker } from "../../../src/core/findings/fingerprint-finding.js";
import { hashText } from "../../../src/core/findings/hash-text.js";
import type { Finding } from "../../../src/core/types.js";

const BASE = { path: "src/cart.ts", category: "bug", title: "Total ignores the discount" } as const;
const LINES = "  const total = items.reduce((sum, item) => sum + item.price, 0);";

function fp(finding: Partial<Finding> = {}, text = LINES, path?: string): string {
  return fingerprintFinding({ ...BASE, ...finding }, text, path);
}

describe("hashText", () => {
  it.each([
    ["", "cbf29ce484222325"],
    ["a", "af63dc4c8601ec8c"],
    ["foobar", "85944171f73967e8"],
  ])("is FNV-1a 64 (%j)", (text, hash) => {
    expect(hashText(text)).toBe(hash);
  });

  it("hashes UTF-8 bytes, not UTF-16 units", () => {
    expect(hashText("é")).not.toBe(hashText("\u00e9".normalize("NFD")));
    expect(hashText("€")).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("fingerprintFinding", () => {
  it("is 16 hex digits", () => {
    expect(fp()).toMatch(/^[0-9a-f]{16}$/);
  });

  // Rows are objects: jest passes a `done` callback in place of a missing trailing array item.
  type Row = { text?: string; finding?: Partial<Finding>; path?: string };

  it.each<[string, Row]>([
    ["the same lines moved elsewhere (line numbers are not part of it)", {}],
    ["re-indented lines", { text: `      ${LINES.trim()}` }],
    ["a formatter run", { text: "const total = items.reduce( ( sum,item )=>sum+item.price,0 );" }],
    ["lines re-wrapped", { text: "  const total = items.reduce(\n    (sum, item) => sum + item.price,\n    0\n  );" }],
    ["CRLF line endings", { text: "  const total = items.reduce(\r\n(sum, item) => sum + item.price, 0);" }],
    ["another case of the title", { finding: { title: "TOTAL IGNORES THE DISCOUNT" } }],
    ["other punctuation in the title", { finding: { title: "Total ignores the discount!" } }],
    ["markdown in the title", { finding: { title: "`Total` ignores the *discount*" } }],
    ["extra spaces in the title", { finding: { title: "  Total   ignores the discount " } }],
    ["another severity, body or line (not part of it)", { finding: { severity: "nit", body: "Other words.", line: 99 } as Partial<Finding> }],
  ])("stays the same for %s", (_name, row) => {
    expect(fp(row.finding, row.text, row.path)).toBe(fp());
  });

  it.each<[string, Row]>([
    ["another category", { finding: { category: "performance" } }],
    ["another title", { finding: { title: "Total ignores the tax" } }],
    ["another file", { finding: { path: "src/order.ts" } }],
    ["changed code", { text: "  const total = items.reduce((sum, item) => sum + item.price * item.qty, 0);" }],
    ["words joined that were apart", { text: "  consttotal = items.reduce((sum, item) => sum + item.price, 0);" }],
    ["the path given for a renamed file", { path: "src/old-cart.ts" }],
  ])("changes for %s", (_name, row) => {
    expect(fp(row.finding, row.text, row.path)).not.toBe(fp());
  });

  it("is the same for the finding's own path given explicitly", () => {
    expect(fp({}, LINES, BASE.path)).toBe(fp());
  });
});

describe("renderFingerprintMarker", () => {
  it.each<[string | string[], string]>([
    ["0123456789abcdef", "<!-- patchwise:fp v1 0123456789abcdef -->"],
    [["0123456789abcdef", "fedcba9876543210"], "<!-- patchwise:fp v1 0123456789abcdef fedcba9876543210 -->"],
    [["0123456789abcdef", "0123456789abcdef"], "<!-- patchwise:fp v1 0123456789abcdef -->"],
  ])("renders %j", (fingerprints, marker) => {
    expect(renderFingerprintMarker(fingerprints)).toBe(marker);
  });
});
