import { dirOf, joinPath, stemOf, type PathIndex } from "../build-path-index.js";

const SOURCE_EXTENSIONS = [".c", ".cc", ".cpp", ".cxx", ".m", ".mm"];

/**
 * Files an `#include "x.h"` brings in: the header (next to the including file, else by path
 * suffix) and the implementation files named like it, where its functions have their bodies.
 */
export function resolveInclude(from: string, header: string, paths: PathIndex): string[] {
  const local = joinPath(dirOf(from), header);
  const found = local !== undefined && paths.has(local) ? local : paths.withSuffix(header, from)[0];
  if (found === undefined) return [];
  const stem = stemOf(found);
  const besides = paths.filesIn(dirOf(found)).filter((path) => path !== found && stemOf(path) === stem && SOURCE_EXTENSIONS.some((ext) => path.endsWith(ext)));
  const elsewhere = besides.length > 0 ? [] : SOURCE_EXTENSIONS.flatMap((ext) => paths.withSuffix(`${stem}${ext}`, found)).slice(0, 1);
  return [found, ...besides, ...elsewhere];
}

/** Files a Ruby `require`/`require_relative` or a PHP `require`/`include` loads. */
export function resolveRequire(from: string, target: string, relative: boolean, extension: string, paths: PathIndex): string[] {
  const file = target.endsWith(extension) ? target : `${target}${extension}`;
  const local = joinPath(dirOf(from), file.replace(/^\//, ""));
  if (local !== undefined && paths.has(local)) return [local];
  if (relative) return [];
  const preferred = paths.withSuffix(`lib/${file}`, from);
  return (preferred.length > 0 ? preferred : paths.withSuffix(file, from)).slice(0, 1);
}
