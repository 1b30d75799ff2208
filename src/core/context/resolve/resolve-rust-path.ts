import { baseOf, dirOf, type PathIndex } from "../build-path-index.js";

const CRATE_ROOTS = ["lib.rs", "main.rs"];

/** Where a Rust file sits: its crate's source folder and its module path inside the crate. */
export interface RustModule {
  crateDir: string;
  segments: string[];
}

/** The crate folder (nearest folder up with lib.rs or main.rs) and module path of a file. */
export function locateRustModule(path: string, paths: PathIndex): RustModule | undefined {
  let dir = dirOf(path);
  for (;;) {
    if (CRATE_ROOTS.some((root) => paths.has(dir === "" ? root : `${dir}/${root}`))) break;
    if (dir === "") return undefined;
    dir = dirOf(dir);
  }
  const inside = (dir === "" ? path : path.slice(dir.length + 1)).replace(/\.rs$/, "").split("/");
  const last = inside[inside.length - 1];
  if (last === "mod" || (inside.length === 1 && CRATE_ROOTS.includes(`${last}.rs`))) inside.pop();
  return { crateDir: dir, segments: inside };
}

/** The file of a module path inside a crate (`a/b.rs` or `a/b/mod.rs`; the crate root for none). */
export function rustModuleFile(crateDir: string, segments: readonly string[], paths: PathIndex): string | undefined {
  const prefix = crateDir === "" ? "" : `${crateDir}/`;
  if (segments.length === 0) return CRATE_ROOTS.map((root) => prefix + root).find((file) => paths.has(file));
  const base = prefix + segments.join("/");
  return [`${base}.rs`, `${base}/mod.rs`].find((file) => paths.has(file));
}

/**
 * The module segments a `use`/qualifier path starts from: `crate::` from the root, `super::`
 * from the parent, `self::` from here; a plain first segment is a child module when one exists,
 * else a module at the crate root. Undefined for paths into other crates (std, dependencies).
 */
export function absoluteRustSegments(path: string, here: RustModule, paths: PathIndex): string[] | undefined {
  const parts = path.split("::").filter((part) => part !== "");
  const out: string[] = [];
  let index = 0;
  if (parts[0] === "crate") index = 1;
  else if (parts[0] === "self") {
    out.push(...here.segments);
    index = 1;
  } else if (parts[0] === "super") {
    out.push(...here.segments);
    while (parts[index] === "super") {
      out.pop();
      index += 1;
    }
  } else if (parts[0] !== undefined && rustModuleFile(here.crateDir, [...here.segments, parts[0]], paths)) out.push(...here.segments);
  else if (parts[0] === undefined || !rustModuleFile(here.crateDir, [parts[0]], paths)) return undefined;
  return [...out, ...parts.slice(index)];
}

/** The file a `mod name;` declaration in `path` loads. */
export function rustChildModuleFile(path: string, name: string, paths: PathIndex): string | undefined {
  const dir = dirOf(path);
  const base = baseOf(path);
  const owner = base === "mod.rs" || CRATE_ROOTS.includes(base) ? dir : `${dir === "" ? "" : `${dir}/`}${base.replace(/\.rs$/, "")}`;
  const prefix = owner === "" ? "" : `${owner}/`;
  return [`${prefix}${name}.rs`, `${prefix}${name}/mod.rs`].find((file) => paths.has(file));
}
