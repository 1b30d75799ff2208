import { describe, expect, it } from "@jest/globals";
import { DEFAULT_EXCLUDES, filterFiles } from "../../../src/core/files/filter-files.js";
import type { ChangedFile, FileStatus } from "../../../src/core/types.js";

const PATCH = "@@ -1 +1 @@\n-old\n+new";
const NO_RULES = { include: [], exclude: [] };
const NO_DIFF = "no diff available (binary or too large for GitHub's per-file patch)";

function file(path: string, extra: { status?: FileStatus; patch?: string | undefined; additions?: number; deletions?: number; previousPath?: string } = {}): ChangedFile {
  return { path, status: "modified", additions: 1, deletions: 1, patch: PATCH, ...extra };
}

/** The reason a lone file is skipped under `rules`, or "kept". */
function verdict(changed: ChangedFile, rules: { include: string[]; exclude: string[] } = NO_RULES): string {
  const { kept, skipped } = filterFiles([changed], rules);
  if (kept.length === 1) return "kept";
  return skipped[0]!.reason;
}

describe("filterFiles with the default excludes", () => {
  it.each([
    ["package-lock.json", "**/package-lock.json"],
    ["web/package-lock.json", "**/package-lock.json"],
    ["yarn.lock", "**/*.lock"],
    ["pnpm-lock.yaml", "**/pnpm-lock.yaml"],
    ["crates/core/Cargo.lock", "**/*.lock"],
    ["poetry.lock", "**/*.lock"],
    ["Gemfile.lock", "**/*.lock"],
    ["composer.lock", "**/*.lock"],
    ["go.sum", "**/go.sum"],
    ["dist/index.js", "**/dist/**"],
    ["packages/ui/dist/index.d.ts", "**/dist/**"],
    ["build/app.js", "**/build/**"],
    ["out/main.js", "**/out/**"],
    ["vendor/github.com/pkg/errors/errors.go", "**/vendor/**"],
    ["node_modules/left-pad/index.js", "**/node_modules/**"],
    ["third_party/zlib/zlib.h", "**/third_party/**"],
    ["public/js/jquery.min.js", "**/*.min.js"],
    ["public/css/site.min.css", "**/*.min.css"],
    ["public/js/app.js.map", "**/*.map"],
    ["src/api/client.generated.ts", "**/*.generated.*"],
    ["proto/user_pb2.py", "**/*_pb2.py"],
    ["api/user.pb.go", "**/*.pb.go"],
    ["src/__generated__/schema.graphql.ts", "**/__generated__/**"],
    ["src/__snapshots__/button.test.tsx.snap", "**/*.snap"],
    ["docs/img/architecture.png", "**/*.png"],
    ["assets/photo.jpeg", "**/*.jpeg"],
    ["static/fonts/Inter.woff2", "**/*.woff2"],
    ["release/app.zip", "**/*.zip"],
    ["lib/native.so", "**/*.so"],
    ["tools/.cache/data.tar.gz", "**/*.gz"],
  ])("skips %s, naming %s", (path, pattern) => {
    expect(verdict(file(path))).toBe(`excluded by default pattern "${pattern}"`);
  });

  it.each(["src/index.ts", "README.md", ".github/workflows/ci.yml", "src/build-info.ts", "src/lock.ts", "docs/distribution.md", ".eslintrc.json"])(
    "keeps ordinary source %s",
    (path) => {
      expect(verdict(file(path))).toBe("kept");
    },
  );

  it("exports the default patterns so the docs can list them", () => {
    expect(DEFAULT_EXCLUDES).toEqual(expect.arrayContaining(["**/*.lock", "**/dist/**", "**/*.min.js", "**/*.png"]));
  });
});

describe("filterFiles with .github/patchwise.yml rules", () => {
  it.each<[string, string, { include: string[]; exclude: string[] }, string]>([
    ["a configured exclude adds an exclusion", "docs/guide.md", { include: [], exclude: ["docs/**"] }, 'excluded by .github/patchwise.yml pattern "docs/**"'],
    ["a slash-less glob matches in any folder", "packages/a/CHANGELOG.md", { include: [], exclude: ["*.md"] }, 'excluded by .github/patchwise.yml pattern "*.md"'],
    ["a trailing slash means the whole folder", "fixtures/big/data.json", { include: [], exclude: ["fixtures/"] }, 'excluded by .github/patchwise.yml pattern "fixtures/"'],
    ["a leading ./ is ignored", "scripts/release.sh", { include: [], exclude: ["./scripts/**"] }, 'excluded by .github/patchwise.yml pattern "./scripts/**"'],
    ["dot files match", ".github/workflows/ci.yml", { include: [], exclude: [".github/**"] }, 'excluded by .github/patchwise.yml pattern ".github/**"'],
    ["an include brings back a default exclude", "dist/index.js", { include: ["dist/**"], exclude: [] }, "kept"],
    ["an include of a generated file", "src/api/client.generated.ts", { include: ["**/*.generated.ts"], exclude: [] }, "kept"],
    ["a configured exclude beats an include", "dist/index.js", { include: ["dist/**"], exclude: ["**/*.js"] }, 'excluded by .github/patchwise.yml pattern "**/*.js"'],
    ["an include that does not match leaves the default", "yarn.lock", { include: ["dist/**"], exclude: [] }, 'excluded by default pattern "**/*.lock"'],
    ["an include is not an allow-list", "src/index.ts", { include: ["dist/**"], exclude: [] }, "kept"],
  ])("%s", (_name, path, rules, expected) => {
    expect(verdict(file(path), rules)).toBe(expected);
  });
});

describe("filterFiles by what GitHub sent", () => {
  it.each<[string, ChangedFile, string]>([
    ["keeps a removed file with its deletions", file("src/legacy.ts", { status: "removed", additions: 0, deletions: 40 }), "kept"],
    ["keeps an added file", file("src/new.ts", { status: "added", additions: 12, deletions: 0 }), "kept"],
    ["keeps a renamed file with changes", file("src/b.ts", { status: "renamed", previousPath: "src/a.ts" }), "kept"],
    ["skips a file too large for a patch", file("src/huge.ts", { patch: undefined, additions: 9000, deletions: 10 }), NO_DIFF],
    ["skips a binary file no glob names", file("data/model.onnx", { patch: undefined, additions: 0, deletions: 0 }), NO_DIFF],
    ["skips a removed file without a patch", file("src/huge.ts", { status: "removed", patch: undefined, additions: 0, deletions: 9000 }), NO_DIFF],
    ["skips a rename without changes", file("src/b.ts", { status: "renamed", previousPath: "src/a.ts", patch: undefined, additions: 0, deletions: 0 }), "renamed without changes"],
    ["skips a rename with an empty patch", file("src/b.ts", { status: "renamed", previousPath: "src/a.ts", patch: "", additions: 0, deletions: 0 }), "renamed without changes"],
    ["skips a renamed file too large for a patch", file("src/b.ts", { status: "renamed", previousPath: "src/a.ts", patch: undefined, additions: 5000, deletions: 4000 }), NO_DIFF],
    ["names the glob before the missing patch", file("img/logo.png", { patch: undefined, additions: 0, deletions: 0 }), 'excluded by default pattern "**/*.png"'],
  ])("%s", (_name, changed, expected) => {
    expect(verdict(changed)).toBe(expected);
  });

  it("skips an entry the source could not read with the source's reason, even when an include glob names it", () => {
    const unreadable: ChangedFile = { path: "src/x.ts", status: "unchanged", additions: 0, deletions: 0, invalid: "GitHub listed it with an invalid status" };

    expect(filterFiles([unreadable], { include: ["src/**"], exclude: [] })).toEqual({ kept: [], skipped: [{ path: "src/x.ts", reason: "GitHub listed it with an invalid status" }] });
  });

  it("keeps the order of the pull request in both lists", () => {
    const files = [file("src/a.ts"), file("yarn.lock"), file("src/b.ts"), file("docs/x.md"), file("src/c.ts")];

    const { kept, skipped } = filterFiles(files, { include: [], exclude: ["docs/**"] });

    expect(kept.map((f) => f.path)).toEqual(["src/a.ts", "src/b.ts", "src/c.ts"]);
    expect(skipped).toEqual([
      { path: "yarn.lock", reason: 'excluded by default pattern "**/*.lock"' },
      { path: "docs/x.md", reason: 'excluded by .github/patchwise.yml pattern "docs/**"' },
    ]);
  });
});
