#!/usr/bin/env node
// The Action's committed bundle (action-dist/): one ES module built by esbuild from
// src/action/main.ts plus the data files the code reads at run time, so `runs: using: node24`
// starts it at once, with no install and no image. `npm run bundle:action` writes it;
// `node scripts/bundle-action.mjs --check` rebuilds it in memory and lists every file that differs
// from the committed one (the normal test suite runs that, so a stale bundle fails CI).
import { build } from "esbuild";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "action-dist");
const require = createRequire(join(ROOT, "package.json"));

// Read through src/assets/resolve-asset.ts, from action-dist/assets/<specifier>.
const GRAMMARS = ["typescript", "tsx", "javascript", "python", "go", "java", "rust", "ruby", "cpp", "c-sharp", "php"];
const ASSETS = [
  "web-tree-sitter/tree-sitter.wasm",
  ...GRAMMARS.map((name) => `@vscode/tree-sitter-wasm/wasm/tree-sitter-${name}.wasm`),
  // The encodings describe-model.ts chooses from.
  "gpt-tokenizer/data/o200k_base.tiktoken",
  "gpt-tokenizer/data/cl100k_base.tiktoken",
];

/** Every file of the bundle, by its path under action-dist/, built in memory. */
async function bundleAction() {
  const files = new Map();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ["src/action/main.ts"],
    outfile: join(OUT, "main.mjs"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    minify: true,
    // Error types are told apart by their names in logs and metrics.
    keepNames: true,
    legalComments: "linked",
    write: false,
    logLevel: "warning",
    // Bundled CommonJS dependencies call require(); an ES module has none of its own.
    banner: { js: 'import { createRequire as __patchwiseRequire } from "node:module"; const require = __patchwiseRequire(import.meta.url);' },
  });
  for (const output of result.outputFiles) files.set(relative(OUT, output.path), Buffer.from(output.contents));
  // Prompt templates sit next to main.mjs and the queries under queries/, where their loaders look first.
  for (const name of readdirSync(join(ROOT, "src/prompts")).filter((name) => name.endsWith(".md"))) files.set(name, readFileSync(join(ROOT, "src/prompts", name)));
  for (const name of readdirSync(join(ROOT, "src/syntax/queries"))) files.set(`queries/${name}`, readFileSync(join(ROOT, "src/syntax/queries", name)));
  for (const specifier of ASSETS) files.set(`assets/${specifier}`, readFileSync(require.resolve(specifier)));
  return files;
}

function listCommitted(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(OUT, join(entry.parentPath, entry.name)));
}

const files = await bundleAction();
if (process.argv.includes("--check")) {
  let committed = [];
  try {
    committed = listCommitted(OUT);
  } catch {
    // No action-dist/ at all: every file differs.
  }
  const differing = [...new Set([...files.keys(), ...committed])].filter((path) => !files.has(path) || !committed.includes(path) || !files.get(path).equals(readFileSync(join(OUT, path))));
  if (differing.length > 0) {
    process.stderr.write(`action-dist/ is not what the sources build; run npm run bundle:action and commit it. Differing: ${differing.sort().join(", ")}\n`);
    process.exit(1);
  }
  process.stdout.write(`action-dist/ matches the sources (${files.size} files)\n`);
} else {
  rmSync(OUT, { recursive: true, force: true });
  for (const [path, contents] of files) {
    mkdirSync(dirname(join(OUT, path)), { recursive: true });
    writeFileSync(join(OUT, path), contents);
  }
  process.stdout.write(`wrote action-dist/ (${files.size} files)\n`);
}
