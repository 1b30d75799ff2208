import { describe, expect, it } from "@jest/globals";
import { parsePatches } from "../../../src/core/diff/parse-patches.js";
import type { ChangedFile } from "../../../src/core/types.js";

const good: ChangedFile = { path: "src/ok.ts", status: "modified", additions: 1, deletions: 1, patch: "@@ -1 +1 @@\n-old\n+new" };
const broken: ChangedFile = { path: "src/odd.ts", status: "modified", additions: 1, deletions: 0, patch: "@@ -1,3 +1,9 @@\n+only one line" };

describe("parsePatches", () => {
  it("keeps the files that parse and names the one that does not, without quoting its code", () => {
    const { patches, skipped } = parsePatches([good, broken]);

    expect(patches.map((patch) => patch.path)).toEqual(["src/ok.ts"]);
    expect(skipped).toEqual([{ path: "src/odd.ts", reason: "its diff could not be parsed" }]);
  });
});
