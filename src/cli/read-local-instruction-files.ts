import { lstat, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { InstructionFileSources } from "../core/instructions/collect-instruction-files.js";
import { COPILOT_INSTRUCTIONS_PATH, INSTRUCTIONS_DIR, planInstructionReads, type InstructionFileEntry } from "../core/instructions/plan-instruction-reads.js";

const SCOPED_SUFFIX = ".instructions.md";

/**
 * The instruction files of the working tree (`.github/copilot-instructions.md` and the
 * `*.instructions.md` files under `.github/instructions/`), as the App reads them from the default
 * branch: the same plan decides what is read, and a symbolic link is never followed.
 */
export async function readLocalInstructionFiles(root: string): Promise<InstructionFileSources> {
  const wide = await entryAt(root, COPILOT_INSTRUCTIONS_PATH);
  const entries = [...(wide ? [wide] : []), ...(await listScoped(root, INSTRUCTIONS_DIR))];
  const plan = planInstructionReads(entries);
  const files = await Promise.all(plan.read.map(async (path) => ({ path, bytes: new Uint8Array(await readFile(join(root, path))) })));
  return { files, skipped: plan.skipped };
}

async function entryAt(root: string, path: string): Promise<InstructionFileEntry | null> {
  const stats = await lstat(join(root, path)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") return null;
    throw error;
  });
  if (stats === null) return null;
  return { path, size: stats.size, kind: stats.isFile() ? "file" : stats.isSymbolicLink() ? "symlink" : "other" };
}

// Folders are walked without following links, so the walk stays inside `.github/instructions`.
async function listScoped(root: string, folder: string): Promise<InstructionFileEntry[]> {
  const children = await readdir(join(root, folder), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") return [];
    throw error;
  });
  const found = await Promise.all(
    children.map(async (child) => {
      const path = `${folder}/${child.name}`;
      if (child.isDirectory()) return listScoped(root, path);
      if (!child.name.endsWith(SCOPED_SUFFIX)) return [];
      const entry = await entryAt(root, path);
      return entry ? [entry] : [];
    }),
  );
  return found.flat();
}
