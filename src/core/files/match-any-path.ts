import { Minimatch } from "minimatch";

/** Whether one of `paths` matches one of `globs` (dotfiles included, as a repository's globs mean them). */
export function matchesAnyPath(globs: readonly string[], paths: readonly string[]): boolean {
  const matchers = globs.map((glob) => new Minimatch(glob, { dot: true }));
  return paths.some((path) => matchers.some((matcher) => matcher.match(path)));
}
