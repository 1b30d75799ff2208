import { describe, expect, it } from "@jest/globals";
import type { ChunkFileInput } from "../../../src/core/chunk/plan-chunks.js";
import { splitChunk } from "../../../src/core/chunk/split-chunk.js";

const file = (path: string, hunkTokens: number[]): ChunkFileInput => ({ path, tokens: 10 + hunkTokens.reduce((a, b) => a + b, 0), hunkTokens });
const FILES = new Map([file("a.ts", [30, 30]), file("b.ts", [20]), file("big.ts", [40, 90, 40, 40, 300])].map((f) => [f.path, f]));

describe("splitChunk", () => {
  it("splits by files first, related code with its file", () => {
    const result = splitChunk({ chunk: { files: [{ path: "a.ts" }, { path: "b.ts" }], snippetIds: ["s"], tokens: 110 }, files: FILES, snippets: [{ id: "s", file: "b.ts", tokens: 15 }, { id: "other", file: "a.ts", tokens: 5 }], budget: 70 });
    expect(result.chunks).toEqual([
      { files: [{ path: "a.ts" }], snippetIds: [], tokens: 70 },
      { files: [{ path: "b.ts" }], snippetIds: ["s"], tokens: 45 },
    ]);
    expect(result.unfit).toEqual([]);
  });

  it("splits the part of a file a request held by its hunks, keeping the file's own hunk numbers, and names a hunk too large even alone", () => {
    // The refused request held hunks 2-5 of big.ts (indexes 1..4).
    const result = splitChunk({ chunk: { files: [{ path: "big.ts", hunks: [1, 2, 3, 4] }], snippetIds: [], tokens: 480 }, files: FILES, snippets: [], budget: 100 });
    expect(result.chunks.map((chunk) => chunk.files)).toEqual([[{ path: "big.ts", hunks: [1] }], [{ path: "big.ts", hunks: [2, 3] }]]);
    expect(result.unfit).toEqual([{ path: "big.ts", hunks: [4] }]);
  });

  it("names a whole file none of whose hunks fits", () => {
    expect(splitChunk({ chunk: { files: [{ path: "b.ts" }], snippetIds: [], tokens: 30 }, files: FILES, snippets: [], budget: 10 })).toEqual({ chunks: [], unfit: [{ path: "b.ts", hunks: null }] });
  });
});
