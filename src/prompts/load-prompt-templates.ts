import { access, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const SYSTEM_FILE = "review.system.md";
const USER_FILE = "review.user.md";

/**
 * Reads the review prompt templates. They sit next to this module when it runs from src/; tsc
 * does not copy .md files into dist/, so from dist/prompts the package's src/prompts is used.
 */
export async function loadPromptTemplates(): Promise<{ system: string; user: string }> {
  const dir = await findTemplateDir();
  const [system, user] = await Promise.all([readFile(new URL(SYSTEM_FILE, dir), "utf8"), readFile(new URL(USER_FILE, dir), "utf8")]);
  return { system, user };
}

async function findTemplateDir(): Promise<URL> {
  const candidates = [new URL("./", import.meta.url), new URL("../../src/prompts/", import.meta.url)];
  for (const dir of candidates) {
    if (await exists(new URL(SYSTEM_FILE, dir))) return dir;
  }
  throw new Error(`prompt templates not found; looked for ${SYSTEM_FILE} in ${candidates.map((dir) => fileURLToPath(dir)).join(" and ")}`);
}

async function exists(file: URL): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
