import { describe, expect, it } from "@jest/globals";
import { buildSignatureRange } from "../../../src/core/context/build-signature-range.js";
import type { SyntaxDefinition } from "../../../src/core/context/types.js";

function signatureOf(language: string, source: string[], definition: Omit<SyntaxDefinition, "kind" | "name">) {
  const whole = { startLine: 1, endLine: source.length };
  return buildSignatureRange(source, { name: "f", kind: "function", ...definition }, whole, language);
}

describe("buildSignatureRange", () => {
  it("ends a TypeScript header at the line that opens the body, across a parameter list on several lines", () => {
    const source = ["/** Doc. */", "export function f(", "  a: number, // the first", "  b: string,", "): number {", "  return a;", "}"];
    expect(signatureOf("typescript", source, { startLine: 2, endLine: 7, nameLine: 2 })).toEqual({ startLine: 2, endLine: 5 });
  });

  it("ends a Python header at its colon and a Go or Rust one at its brace", () => {
    expect(signatureOf("python", ["def f(a,", "      b):", "    return a", "", ""], { startLine: 1, endLine: 3, nameLine: 1 })).toEqual({ startLine: 1, endLine: 2 });
    expect(signatureOf("go", ["func (s *Shop) F(a int) error {", "\treturn nil", "}"], { startLine: 1, endLine: 3, nameLine: 1 })).toEqual({ startLine: 1, endLine: 1 });
    expect(signatureOf("rust", ["pub fn f(", "    a: u32,", ") -> u32 {", "    a", "}"], { startLine: 1, endLine: 5, nameLine: 1 })).toEqual({ startLine: 1, endLine: 3 });
  });

  it("keeps the name line alone when no body opens soon (Ruby, a header too long)", () => {
    expect(signatureOf("ruby", ["def f(a)", "  a + 1", "end"], { startLine: 1, endLine: 3, nameLine: 1 })).toEqual({ startLine: 1, endLine: 1 });
    const long = ["function f(", ...Array.from({ length: 12 }, (_, i) => `  a${i},`), ") {", "}"];
    expect(signatureOf("javascript", long, { startLine: 1, endLine: long.length, nameLine: 1 })).toEqual({ startLine: 1, endLine: 1 });
  });

  it("does not take a `//` inside a string for a comment", () => {
    const source = ['const f = (url = "https://x.example/{") =>', "  fetch(url);", "", ""];
    expect(signatureOf("typescript", source, { startLine: 1, endLine: 2, nameLine: 1 })).toEqual({ startLine: 1, endLine: 1 });
  });

  it("gives none when the header is the whole definition anyway", () => {
    expect(signatureOf("typescript", ["export const LIMIT = 5;"], { startLine: 1, endLine: 1, nameLine: 1 })).toBeUndefined();
    expect(signatureOf("typescript", ["type A = {", "};"], { startLine: 1, endLine: 2, nameLine: 1 })).toBeUndefined();
  });
});
