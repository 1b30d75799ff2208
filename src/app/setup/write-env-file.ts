import { readFile, writeFile } from "node:fs/promises";

/**
 * Sets `values` in the dotenv file at `path` (created if missing), keeping every other line.
 * Values are written double-quoted with `\n` for line breaks, which `process.loadEnvFile` reads back.
 */
export async function writeEnvFile(path: string, values: Record<string, string>): Promise<void> {
  const existing = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return "";
    throw error;
  });
  const keys = new Set(Object.keys(values));
  const kept = existing.split("\n").filter((line) => line !== "" && !keys.has(line.split("=")[0]!.trim()));
  const added = Object.entries(values).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  await writeFile(path, `${[...kept, ...added].join("\n")}\n`, { mode: 0o600 });
}
