/**
 * GitHub lists at most 3,000 files of a pull request (`pulls.listFiles`); the pull request's own
 * `changed_files` counts them all. A note for the summary when files were never listed, else null.
 */
export function noteUnlistedFiles(changedFiles: number | undefined, listedFiles: number): string | null {
  if (changedFiles === undefined || changedFiles <= listedFiles) return null;
  const unlisted = changedFiles - listedFiles;
  return `GitHub listed only ${listedFiles} of the ${changedFiles} changed files (its API stops at 3,000), so ${unlisted} ${unlisted === 1 ? "file was" : "files were"} not reviewed.`;
}
