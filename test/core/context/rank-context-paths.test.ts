import { describe, expect, it } from "@jest/globals";
import { rankContextPaths } from "../../../src/core/context/rank-context-paths.js";
import type { FilePatch } from "../../../src/core/types.js";

const patch = (path: string): FilePatch => ({ path, status: "modified", hunks: [], additions: 1, deletions: 1 });

describe("rankContextPaths", () => {
  it("ranks changed files first, then code files nearest to them, then other files of their folders, and leaves the rest out", () => {
    const rank = rankContextPaths([patch("src/core/diff/parse-patch.ts")]);
    const paths = ["docs/guide.md", "src/core/diff/README.md", "test/core/diff/parse-patch.test.ts", "src/app/main.ts", "src/core/types.ts", "src/core/diff/build-line-map.ts", "src/core/diff/parse-patch.ts"];
    const ranked = paths.filter((path) => rank(path) !== undefined).sort((a, b) => rank(a)! - rank(b)!);
    expect(ranked).toEqual(["src/core/diff/parse-patch.ts", "src/core/diff/build-line-map.ts", "src/core/types.ts", "src/app/main.ts", "test/core/diff/parse-patch.test.ts", "src/core/diff/README.md"]);
    expect(rank("docs/guide.md")).toBeUndefined();
  });

  it("needs every go.mod (Go imports resolve through them) and files of a changed file's type anywhere (searched by name)", () => {
    const rank = rankContextPaths([patch("app/src/Main.kt")]);
    expect(rank("go.mod")).toBe(0);
    expect(rank("services/billing/go.mod")).toBe(0);
    expect(rank("lib/shared/Util.kt")).toBeDefined();
    expect(rank("docs/architecture.md")).toBeUndefined();
    expect(rank("fixtures/orders.json")).toBeUndefined();
  });
});
