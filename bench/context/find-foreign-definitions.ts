import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FilePatch } from "../../src/core/types.js";
import type { UsedDefinition } from "./find-used-definitions.js";

/** A language whose ground truth a helper program outside Node gives. */
interface ForeignLanguage {
  name: string;
  changed: RegExp;
  /** The files the helper reads: the language's sources and what says where its modules are. */
  written: RegExp;
}

const PYTHON: ForeignLanguage = { name: "Python", changed: /\.pyi?$/, written: /(?:\.pyi?|(?:^|\/)(?:pyproject\.toml|setup\.cfg))$/ };
const GO: ForeignLanguage = { name: "Go", changed: /\.go$/, written: /(?:\.go|(?:^|\/)go\.mod)$/ };
const HERE = dirname(fileURLToPath(import.meta.url));
// Debian's python3-jedi installs for the system interpreter, not for a pyenv `python3` on PATH.
const SYSTEM_PYTHON = "/usr/bin/python3";

/** The helpers that can run here (each a command line), and a sentence for each that cannot. */
export interface ForeignTools {
  python?: string[];
  go?: string[];
  missing: string[];
  /** Deletes the built Go helper. */
  dispose(): void;
}

/** Checks for jedi and Go, and builds the Go helper once (into a temporary folder). */
export function prepareForeignTools(): ForeignTools {
  const missing: string[] = [];
  const jedi = spawnSync(SYSTEM_PYTHON, ["-c", "import jedi"], { stdio: "ignore" });
  const python = jedi.status === 0 ? [SYSTEM_PYTHON, join(HERE, "find-python-definitions.py")] : undefined;
  if (!python) missing.push(`Python not measured: its ground truth needs jedi for ${SYSTEM_PYTHON} (apt-get install -y python3-jedi).`);
  const built = mkdtempSync(join(tmpdir(), "patchwise-bench-go-"));
  let go: string[] | undefined;
  const build = spawnSync("go", ["build", "-o", join(built, "find-go-definitions"), join(HERE, "find-go-definitions.go")], { encoding: "utf8", env: { ...process.env, GO111MODULE: "off" } });
  if (build.error) missing.push("Go not measured: its ground truth needs the go command (apt-get install -y golang-go).");
  else if (build.status !== 0) missing.push(`Go not measured: bench/context/find-go-definitions.go did not build: ${build.stderr.trim().split("\n")[0]}`);
  else go = [join(built, "find-go-definitions")];
  return { ...(python ? { python } : {}), ...(go ? { go } : {}), missing, dispose: () => rmSync(built, { recursive: true, force: true }) };
}

/**
 * The ground truth for the changed Python and Go files of one commit: the definitions (in the
 * repository, outside what the diff shows) of the names their added lines use, by jedi and by
 * go/types. The commit's files of that language are written to a temporary folder the helper
 * reads, deleted afterwards.
 */
export function findForeignDefinitions(tools: ForeignTools, files: ReadonlyMap<string, string>, patches: readonly FilePatch[]): UsedDefinition[] {
  const shown = new Map(patches.map((patch) => [patch.path, patch.hunks.map((hunk) => [hunk.newStart, hunk.newStart + hunk.newLines - 1] as const)]));
  const isShown = (path: string, line: number) => (shown.get(path) ?? []).some(([start, end]) => start <= line && line <= end);
  const found = new Map<string, UsedDefinition>();
  for (const [language, command] of [[PYTHON, tools.python], [GO, tools.go]] as const) {
    if (!command) continue;
    const changed = patches.filter((patch) => patch.status !== "removed" && language.changed.test(patch.path) && files.has(patch.path));
    if (changed.length === 0) continue;
    const request = { files: changed.map((patch) => ({ path: patch.path, added: patch.hunks.flatMap((hunk) => hunk.lines.filter((line) => line.kind === "add").map((line) => line.newLine!)) })) };
    for (const definition of runHelper(command, language, files, request)) {
      if (!files.has(definition.path)) continue;
      const key = `${definition.path}:${definition.line}:${definition.name}`;
      const known = found.get(key);
      if (!known) found.set(key, { ...definition, ...(isShown(definition.path, definition.line) ? { shown: true as const } : {}) });
      else if (known.usedIn === definition.usedIn && known.usedLine !== definition.usedLine && !known.alsoUsedAt?.includes(definition.usedLine)) (known.alsoUsedAt ??= []).push(definition.usedLine);
    }
  }
  return [...found.values()];
}

function runHelper(command: readonly string[], language: ForeignLanguage, files: ReadonlyMap<string, string>, request: object): UsedDefinition[] {
  const root = mkdtempSync(join(tmpdir(), "patchwise-bench-repo-"));
  try {
    for (const [path, text] of files) {
      if (!language.written.test(path)) continue;
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const output = execFileSync(command[0]!, [...command.slice(1), root], { input: JSON.stringify(request), maxBuffer: 256 * 1024 * 1024, env: { ...process.env, GO111MODULE: "off" } });
    return JSON.parse(output.toString("utf8")) as UsedDefinition[];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
