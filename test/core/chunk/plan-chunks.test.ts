import { describe, expect, it } from "@jest/globals";
import { planChunks, type ChunkFileInput, type ChunkSnippetInput } from "../../../src/core/chunk/plan-chunks.js";

const file = (path: string, tokens: number, hunkTokens: number[] = [tokens]): ChunkFileInput => ({ path, tokens, hunkTokens });
const snippet = (id: string, of: string, tokens: number): ChunkSnippetInput => ({ id, file: of, tokens });
const paths = (plan: ReturnType<typeof planChunks>) => plan.chunks.map((chunk) => chunk.files.map((f) => (f.hunks ? `${f.path}#${f.hunks.join(",")}` : f.path)));

describe("planChunks", () => {
  it("sends a pull request that fits as one request", () => {
    const plan = planChunks({ files: [file("b.ts", 30), file("a.ts", 20)], snippets: [snippet("s1", "a.ts", 10)], budget: 100 });
    expect(plan).toEqual({
      chunks: [{ files: [{ path: "a.ts" }, { path: "b.ts" }], snippetIds: ["s1"], tokens: 60 }],
      skipped: [],
      skippedHunks: [],
      droppedSnippetIds: [],
    });
  });

  it("keeps the files of one directory together where a size-only packing would mix them", () => {
    // Largest-first alone would pair src/a (60) with lib/c (40) and lib/d (35) with src/b (30).
    const plan = planChunks({ files: [file("src/a.ts", 60), file("src/b.ts", 30), file("lib/c.ts", 40), file("lib/d.ts", 35)], snippets: [], budget: 100 });
    expect(paths(plan)).toEqual([["lib/c.ts", "lib/d.ts"], ["src/a.ts", "src/b.ts"]]);
    expect(plan.chunks.map((chunk) => chunk.tokens)).toEqual([75, 90]);
  });

  it("keeps a file and its related code in one request", () => {
    const plan = planChunks({ files: [file("x.ts", 50), file("y.ts", 50)], snippets: [snippet("x-callers", "x.ts", 30)], budget: 100 });
    expect(plan.chunks).toEqual([
      { files: [{ path: "x.ts" }], snippetIds: ["x-callers"], tokens: 80 },
      { files: [{ path: "y.ts" }], snippetIds: [], tokens: 50 },
    ]);
  });

  it("drops the least wanted related code that does not fit beside its file", () => {
    const plan = planChunks({ files: [file("x.ts", 80)], snippets: [snippet("first", "x.ts", 15), snippet("second", "x.ts", 10), snippet("third", "x.ts", 5)], budget: 100 });
    expect(plan.chunks).toEqual([{ files: [{ path: "x.ts" }], snippetIds: ["first", "third"], tokens: 100 }]);
    expect(plan.droppedSnippetIds).toEqual(["second"]);
  });

  it("splits a file too large for one request between its hunks, related code with the first part that has room", () => {
    const plan = planChunks({ files: [file("big.ts", 230, [60, 50, 70, 40]), file("small.ts", 5)], snippets: [snippet("s", "big.ts", 10)], budget: 120 });
    expect(plan.chunks).toEqual([
      { files: [{ path: "big.ts", hunks: [0, 1] }], snippetIds: ["s"], tokens: 120 },
      { files: [{ path: "big.ts", hunks: [2, 3] }, { path: "small.ts" }], snippetIds: [], tokens: 115 },
    ]);
    expect(plan.skipped).toEqual([]);
  });

  it("reviews the rest of a file when some of its hunks alone are too large, and says which", () => {
    const plan = planChunks({ files: [file("gen.ts", 700, [60, 500, 30, 400])], snippets: [], budget: 100 });
    expect(paths(plan)).toEqual([["gen.ts#0,2"]]);
    expect(plan.skippedHunks).toEqual([{ path: "gen.ts", hunks: [1, 3], reason: "hunks 2, 4 each do not fit in the 100 tokens one request can hold; the rest of the file is reviewed" }]);
  });

  it("sends a hunk larger than the request budget alone while it fits the window, and packs the rest to the budget", () => {
    const plan = planChunks({ files: [file("gen.ts", 700, [60, 500, 30, 400]), file("small.ts", 20)], snippets: [], budget: 100, limit: 450 });
    expect(paths(plan)).toEqual([["gen.ts#3"], ["gen.ts#0,2"], ["small.ts"]]);
    expect(plan.chunks.map((chunk) => chunk.tokens)).toEqual([400, 90, 20]);
    expect(plan.skippedHunks).toEqual([{ path: "gen.ts", hunks: [1], reason: "hunk 2 does not fit in the 450 tokens one request can hold; the rest of the file is reviewed" }]);
  });

  it("skips a file not even one hunk of which fits, with the reason, and drops its related code", () => {
    const plan = planChunks({ files: [file("data.json", 900, [900]), file("ok.ts", 10)], snippets: [snippet("d", "data.json", 5)], budget: 100 });
    expect(paths(plan)).toEqual([["ok.ts"]]);
    expect(plan.skipped).toEqual([{ path: "data.json", reason: "its diff (900 tokens) does not fit in the 100 tokens one request can hold, not even one hunk at a time" }]);
    expect(plan.droppedSnippetIds).toEqual(["d"]);
  });

  it("keeps every request within the budget and every file and snippet in exactly one place", () => {
    // A deterministic spread of sizes over a few directories.
    const files = Array.from({ length: 60 }, (_, i) => {
      const hunks = Array.from({ length: 1 + (i % 4) }, (_, h) => 5 + ((i * 37 + h * 11) % 90));
      return file(`dir${i % 5}/f${i}.ts`, hunks.reduce((a, b) => a + b, 0), hunks);
    });
    const snippets = files.filter((_, i) => i % 3 === 0).map((f, i) => snippet(`s${i}`, f.path, 3 + (i % 20)));
    const plan = planChunks({ files, snippets, budget: 200 });
    for (const chunk of plan.chunks) expect(chunk.tokens).toBeLessThanOrEqual(200);
    const placedHunks = plan.chunks.flatMap((chunk) => chunk.files.flatMap((f) => (f.hunks ?? files.find((x) => x.path === f.path)!.hunkTokens.map((_, h) => h)).map((h) => `${f.path}#${h}`)));
    const allHunks = files.flatMap((f) => f.hunkTokens.map((_, h) => `${f.path}#${h}`));
    expect([...placedHunks].sort()).toEqual([...allHunks].sort());
    const placedSnippets = plan.chunks.flatMap((chunk) => chunk.snippetIds);
    expect([...placedSnippets, ...plan.droppedSnippetIds].sort()).toEqual(snippets.map((s) => s.id).sort());
    for (const chunk of plan.chunks) {
      for (const id of chunk.snippetIds) expect(chunk.files.map((f) => f.path)).toContain(snippets.find((s) => s.id === id)!.file);
    }
    // The packing fills requests: at most a quarter more than the bare minimum of total / budget.
    const total = plan.chunks.reduce((sum, chunk) => sum + chunk.tokens, 0);
    expect(plan.chunks.length).toBeLessThanOrEqual(Math.ceil((1.25 * total) / 200));
  });

  it("plans the same requests whatever the order of its input", () => {
    const files = [file("src/a.ts", 60), file("src/b.ts", 30), file("lib/c.ts", 40), file("lib/d.ts", 35), file("e.ts", 25)];
    expect(planChunks({ files: [...files].reverse(), snippets: [], budget: 100 })).toEqual(planChunks({ files, snippets: [], budget: 100 }));
  });
});
