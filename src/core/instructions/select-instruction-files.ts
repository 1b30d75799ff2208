import { matchesAnyPath } from "../files/match-any-path.js";
import type { InstructionFile } from "./parse-instruction-file.js";

/** The instruction files for a request about `paths` (every file when "all", for sizing). */
export function selectInstructionFiles(files: readonly InstructionFile[], paths: readonly string[] | "all"): InstructionFile[] {
  return files.filter((file) => paths === "all" || file.applyTo === "all" || matchesAnyPath(file.applyTo, paths));
}
