import type { PathIndex } from "../build-path-index.js";

/**
 * Files for a qualified type name whose folders mirror its packages (Java `a.b.C` →
 * `…/a/b/C.java`, PHP `App\Models\User` → `…/Models/User.php` under PSR-4 roots): the longest
 * path suffix that exists, nearest to the importing file.
 */
export function resolveQualifiedFile(segments: readonly string[], extension: string, from: string, paths: PathIndex): string[] {
  for (let start = 0; start < segments.length; start += 1) {
    const found = paths.withSuffix(`${segments.slice(start).join("/")}${extension}`, from);
    if (found.length > 0) return found.slice(0, 1);
  }
  return [];
}
