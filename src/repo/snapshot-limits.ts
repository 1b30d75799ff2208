/** Caps every repository reader applies, so a huge repository costs bounded memory and API calls. */
export interface SnapshotLimits {
  /** Larger files are left out (generated or data files, rarely useful context). */
  maxFileBytes: number;
  /** Total UTF-8 text held; past it the tarball reader falls back to selected blobs. */
  maxTotalBytes: number;
  /** Most blob reads of the git-trees fallback (one API call each). */
  maxBlobReads: number;
}

export const DEFAULT_SNAPSHOT_LIMITS: SnapshotLimits = Object.freeze({
  maxFileBytes: 512 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  maxBlobReads: 200,
});

// Vendored, generated and tool directories: never the code under review's neighbourhood.
const EXCLUDED_DIRS = new Set([".git", "node_modules", "dist", "build", "out", "vendor", "third_party", "__generated__", "__pycache__", ".venv", "venv", "coverage", ".next"]);
const EXCLUDED_FILES = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock|[^/]*\.lock|go\.sum)$|\.(min\.js|min\.css|map)$/;

/** True for paths no reader loads: vendored/generated directories, lock files, minified files. */
export function isExcludedPath(path: string): boolean {
  const segments = path.split("/");
  return segments.slice(0, -1).some((segment) => EXCLUDED_DIRS.has(segment)) || EXCLUDED_FILES.test(path);
}

// Git's own test: a NUL byte in the first 8000 bytes means binary.
const SNIFF_BYTES = 8000;
const decoder = new TextDecoder("utf-8");

/** The file's text, or undefined when it looks binary. */
export function decodeText(bytes: Uint8Array): string | undefined {
  return bytes.subarray(0, SNIFF_BYTES).includes(0) ? undefined : decoder.decode(bytes);
}
