#!/usr/bin/env node
// Some registry mirrors lack the per-platform binaries of optional native packages (for example
// @msgpackr-extract/msgpackr-extract-darwin-arm64). npm then writes a lock file without them, and
// `npm ci` refuses it on every machine. This adds the missing optional entries with the os/cpu
// read from the package name, exactly as npm writes them against the public registry; npm skips
// them on other platforms. Run after `npm install` when `npm ci` reports "Missing: ... from lock file".
import { readFileSync, writeFileSync } from "node:fs";

const OS = ["darwin", "linux", "win32", "freebsd", "android", "openbsd", "sunos", "aix", "openharmony"];
const CPU = ["arm64", "x64", "arm", "ia32", "ppc64", "s390x", "riscv64", "loong64", "mips64el"];
const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const target = `node_modules/${name}`;
    if (lock.packages[target] || lock.packages[`${key}/node_modules/${name}`]) continue;
    const parts = name.split(/[-/]/);
    const os = OS.find((o) => parts.includes(o));
    const cpu = CPU.find((c) => parts.includes(c));
    if (!os || !cpu || !/^\d+\.\d+\.\d+/.test(version)) continue;
    lock.packages[target] = { version, cpu: [cpu], license: entry.license, optional: true, os: [os] };
    if (entry.dev) lock.packages[target].dev = true;
    added += 1;
  }
}
writeFileSync("package-lock.json", `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} missing optional platform entries`);
