import { describe, expect, it } from "@jest/globals";
import { createRepoSnapshot } from "../../src/core/context/repo-snapshot.js";
import type { RepoReader } from "../../src/pipeline/ports.js";
import { shareSnapshot } from "../../src/pipeline/share-snapshot.js";

// One repository read per review, shared by related code and the suggestion checks.

function countingReader(read: () => Promise<ReturnType<typeof createRepoSnapshot>>): RepoReader & { reads: number } {
  const reader = {
    reads: 0,
    readSnapshot: () => {
      reader.reads += 1;
      return read();
    },
  };
  return reader;
}

const FILES = new Map([
  ["src/a.ts", "export const a = 1;\n"],
  ["src/b.ts", "export const b = 2;\n"],
  ["README.md", "# Repo\n"],
]);

describe("shareSnapshot", () => {
  it("reads the repository once, however often it is asked", async () => {
    const reader = countingReader(async () => createRepoSnapshot(FILES));
    const shared = shareSnapshot(reader);

    const [first, second] = await Promise.all([shared.readSnapshot({ ref: "abc" }), shared.readSnapshot({ ref: "abc" })]);
    const third = await shared.readSnapshot({ ref: "abc" });

    expect(reader.reads).toBe(1);
    expect(second).toBe(first);
    expect(third).toBe(first);
  });

  it("narrowed, keeps only the named files' text", async () => {
    const shared = shareSnapshot(countingReader(async () => createRepoSnapshot(FILES)));
    await shared.readSnapshot({ ref: "abc" });

    shared.narrow(["src/a.ts", "src/gone.ts"]);
    const narrowed = await shared.readSnapshot({ ref: "abc" });

    expect(narrowed.listPaths()).toEqual(["src/a.ts"]);
    expect(narrowed.readText("src/a.ts")).toBe("export const a = 1;\n");
    expect(narrowed.readText("src/b.ts")).toBeUndefined();
  });

  it("narrowing before any read changes nothing: a later read reads everything", async () => {
    const reader = countingReader(async () => createRepoSnapshot(FILES));
    const shared = shareSnapshot(reader);

    shared.narrow(["src/a.ts"]);

    expect((await shared.readSnapshot({ ref: "abc" })).listPaths()).toEqual(["README.md", "src/a.ts", "src/b.ts"]);
    expect(reader.reads).toBe(1);
  });

  it("a failed read fails every later call the same way, without reading again, narrowed or not", async () => {
    const failure = new Error("tarball unavailable");
    const reader = countingReader(() => Promise.reject(failure));
    const shared = shareSnapshot(reader);
    await expect(shared.readSnapshot({ ref: "abc" })).rejects.toBe(failure);

    // Narrowing a failed read must not leave a rejection nobody handles (it would end the process).
    shared.narrow(["src/a.ts"]);
    await new Promise((resolve) => setImmediate(resolve));

    await expect(shared.readSnapshot({ ref: "abc" })).rejects.toBe(failure);
    expect(reader.reads).toBe(1);
  });
});
