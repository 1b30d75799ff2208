import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/**
 * Where a dependency's data file is (`web-tree-sitter/tree-sitter.wasm`): under `assets/` next to
 * the running module when it is the Action's bundle (action-dist/main.mjs, which has no
 * node_modules beside it), else wherever node resolves it.
 */
export function resolveAsset(specifier: string): string {
  const bundled = fileURLToPath(new URL(`./assets/${specifier}`, import.meta.url));
  return existsSync(bundled) ? bundled : require.resolve(specifier);
}
