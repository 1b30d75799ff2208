/**
 * GitHub lists at most 3,000 files of a pull request (`pulls.listFiles`), and the review reads only
 * the pages it can use; the pull request's own `changed_files` counts them all. A note for the
 * summary when files were never listed, else null.
 */
export function noteUnlistedFiles(changedFiles: number | undefined, listedFiles: number): string | null {
  if (changedFiles === undefined || changedFiles <= listedFiles) return null;
  const unlisted = changedFiles - listedFiles;
  const why = listedFiles >= 3_000 ? "GitHub's API lists at most 3,000" : "more than the review's file limit, `limits.maxFiles`, can take";
  return `Only ${listedFiles} of the ${changedFiles} changed files were listed (${why}), so ${unlisted} ${unlisted === 1 ? "file was" : "files were"} not reviewed.`;
}
