import { describe, expect, it } from "@jest/globals";
import { makeSyntheticFiles } from "../../bench/pipeline/make-synthetic-files.js";
import { parsePatches } from "../../src/core/diff/parse-patches.js";
import { DEFAULT_REPO_CONFIG } from "../../src/core/config/repo-config-schema.js";
import { filterFiles } from "../../src/core/files/filter-files.js";
import type { ChangedFile } from "../../src/core/types.js";

const asChanged = (files: ReturnType<typeof makeSyntheticFiles>): ChangedFile[] =>
  files.map((file) => ({ path: file.filename, status: file.status as ChangedFile["status"], additions: file.additions, deletions: file.deletions, ...(file.patch === undefined ? {} : { patch: file.patch }) }));

describe("synthetic pull request files", () => {
  it("gives parsable patches whose counts match GitHub's additions and deletions", () => {
    const files = asChanged(makeSyntheticFiles(300));
    const { patches, skipped } = parsePatches(files.filter((file) => file.patch !== undefined));
    expect(skipped).toEqual([]);
    for (const patch of patches) {
      const file = files.find((candidate) => candidate.path === patch.path)!;
      const lines = patch.hunks.flatMap((hunk) => hunk.lines);
      expect([lines.filter((line) => line.kind === "add").length, lines.filter((line) => line.kind === "del").length]).toEqual([file.additions, file.deletions]);
    }
    expect(patches.filter((patch) => patch.status === "modified" && /\.(ts|py|go)$/.test(patch.path)).every((patch) => patch.hunks.length === 4)).toBe(true);
  });

  it("mixes TypeScript, Python and Go with lock files and a binary that the default filter skips", () => {
    const files = asChanged(makeSyntheticFiles(5));
    expect(files.map((file) => file.path)).toEqual([
      "src/services/invoice-0.ts",
      "app/handlers/account-1.py",
      "internal/store/order-2.go",
      "services/svc-3/pnpm-lock.yaml",
      "assets/img/banner-4.png",
    ]);
    expect(filterFiles(files, DEFAULT_REPO_CONFIG).skipped).toEqual([
      { path: "services/svc-3/pnpm-lock.yaml", reason: 'excluded by default pattern "**/pnpm-lock.yaml"' },
      { path: "assets/img/banner-4.png", reason: 'excluded by default pattern "**/*.png"' },
    ]);
    expect(makeSyntheticFiles(5)).toEqual(makeSyntheticFiles(5));
  });
});
