import type { ChangedFile, FilePatch, SkippedFile } from "../types.js";
import { PatchParseError, parsePatch } from "./parse-patch.js";

/**
 * Parses every kept file; a file whose patch cannot be parsed is skipped with the reason, so one
 * odd diff never costs the whole review.
 */
export function parsePatches(files: ChangedFile[]): { patches: FilePatch[]; skipped: SkippedFile[] } {
  const patches: FilePatch[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of files) {
    try {
      patches.push(parsePatch(file));
    } catch (error) {
      if (!(error instanceof PatchParseError)) throw error;
      skipped.push({ path: file.path, reason: "its diff could not be parsed" });
    }
  }
  return { patches, skipped };
}
