import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Compiles the App into dist/ as `npm run build` does, so the benchmark runs what `npm start` runs. */
export function buildApp(): void {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
}
