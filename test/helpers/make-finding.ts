import type { Finding } from "../../src/core/types.js";

/** A valid finding on an added line of src/cart.ts, with the given fields replaced. */
export function makeFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    path: "src/cart.ts",
    line: 12,
    startLine: null,
    side: "RIGHT",
    severity: "major",
    category: "bug",
    title: "Total ignores the discount",
    body: "Apply the discount.",
    suggestion: null,
    ...overrides,
  };
}
