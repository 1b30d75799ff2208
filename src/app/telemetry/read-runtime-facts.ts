import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { RuntimeFacts } from "../../core/telemetry/build-telemetry-payload.js";

const packageSchema = z.object({ version: z.string() });

/** Patchwise's version (package.json, three levels up from src/app/telemetry or dist/app/telemetry), Node's version, OS and CPU. */
export async function readRuntimeFacts(): Promise<RuntimeFacts> {
  const pkg = packageSchema.parse(JSON.parse(await readFile(new URL("../../../package.json", import.meta.url), "utf8")));
  return { patchwiseVersion: pkg.version, nodeVersion: process.version, os: process.platform, arch: process.arch };
}
