import { Minimatch } from "minimatch";
import type { ChangedFile, SkippedFile } from "../types.js";

const LOCK_FILES = ["package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "bun.lockb", "go.sum", "*.lock"];
const OUTPUT_DIRS = ["dist", "build", "out", "vendor", "node_modules", "third_party", "__generated__"];
const GENERATED = ["*.min.js", "*.min.css", "*.map", "*.generated.*", "*_pb2.py", "*_pb2.pyi", "*_pb2_grpc.py", "*.pb.go", "*.snap"];
const BINARY_EXTENSIONS = [
  ...["png", "jpg", "jpeg", "gif", "bmp", "ico", "webp", "avif", "tif", "tiff", "psd", "svg"],
  ...["woff", "woff2", "ttf", "otf", "eot"],
  ...["zip", "tar", "gz", "tgz", "bz2", "xz", "7z", "rar", "jar", "war"],
  ...["exe", "dll", "so", "dylib", "a", "o", "obj", "class", "pyc", "wasm", "bin", "pdf", "mp3", "mp4", "mov", "wav"],
];

/**
 * Files not worth a reviewer's time (lock files, build output, vendored, minified and generated
 * code, binaries). A repository's `include` globs bring any of them back.
 */
export const DEFAULT_EXCLUDES: readonly string[] = Object.freeze([
  ...LOCK_FILES.map((name) => `**/${name}`),
  ...OUTPUT_DIRS.map((dir) => `**/${dir}/**`),
  ...GENERATED.map((name) => `**/${name}`),
  ...BINARY_EXTENSIONS.map((ext) => `**/*.${ext}`),
]);

const CONFIG_FILE = ".github/patchwise.yml";
const NO_DIFF = "no diff available (binary or too large for GitHub's per-file patch)";

export interface FileRules {
  include: readonly string[];
  exclude: readonly string[];
}

interface Glob {
  pattern: string;
  matcher: Minimatch;
}

/**
 * Splits changed files into those to review and those skipped, each with a reason naming the
 * glob that matched. A configured exclude beats a configured include, which beats a default exclude.
 */
export function filterFiles(files: readonly ChangedFile[], rules: FileRules): { kept: ChangedFile[]; skipped: SkippedFile[] } {
  const globs = { defaults: compile(DEFAULT_EXCLUDES), include: compile(rules.include), exclude: compile(rules.exclude) };
  const kept: ChangedFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of files) {
    const reason = skipReason(file, globs);
    if (reason === null) kept.push(file);
    else skipped.push({ path: file.path, reason });
  }
  return { kept, skipped };
}

function skipReason(file: ChangedFile, globs: Record<"defaults" | "include" | "exclude", Glob[]>): string | null {
  if (file.invalid !== undefined) return file.invalid;
  const configured = firstMatch(globs.exclude, file.path);
  if (configured !== undefined) return `excluded by ${CONFIG_FILE} pattern "${configured}"`;
  const byDefault = firstMatch(globs.defaults, file.path);
  if (byDefault !== undefined && firstMatch(globs.include, file.path) === undefined) return `excluded by default pattern "${byDefault}"`;
  // A removed file with a patch stays: deleting code can break its callers.
  if (file.patch) return null;
  const unchanged = file.additions === 0 && file.deletions === 0;
  if (unchanged && file.status === "renamed") return "renamed without changes";
  if (unchanged && file.status === "copied") return "copied without changes";
  return NO_DIFF;
}

function compile(patterns: readonly string[]): Glob[] {
  // matchBase lets "*.md" mean any Markdown file, as people write it in .gitignore.
  return patterns.map((pattern) => ({ pattern, matcher: new Minimatch(normalizeGlob(pattern), { dot: true, matchBase: true }) }));
}

// Paths from GitHub are relative without a leading "./" or "/", and "docs/" means everything in it.
function normalizeGlob(pattern: string): string {
  const relative = pattern.replace(/^(\.\/|\/)+/, "");
  return relative.endsWith("/") ? `${relative}**` : relative;
}

function firstMatch(globs: Glob[], path: string): string | undefined {
  return globs.find((glob) => glob.matcher.match(path))?.pattern;
}
