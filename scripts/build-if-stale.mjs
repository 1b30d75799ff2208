#!/usr/bin/env node
// `prestart`, `preworker`, `prereview` and `prepare`: compile only when a source changed since the
// last build, so `npm start` runs the prebuilt server at once (tsc takes ~18 s even with nothing
// to do). The build is stamped only after tsc succeeded.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const STAMP = "dist/.built";
const INPUTS = ["src", "tsconfig.json", "package-lock.json"];

function newestChange(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : -1;
if (INPUTS.some((input) => existsSync(input) && newestChange(input) > built)) {
  // From an empty dist: tsc never deletes the output of a source that was deleted or renamed,
  // and `npm pack` (which runs `prepare`) would ship it.
  rmSync("dist", { recursive: true, force: true });
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], { stdio: "inherit" });
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}
