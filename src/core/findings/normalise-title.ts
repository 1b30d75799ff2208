/**
 * A finding's title reduced to its words: lower case, quotes and backticks dropped (`don't`,
 * `` `userId` ``), other punctuation a word break, single spaces.
 */
export function normaliseTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/['’`]/g, "")
    .replace(/[^\p{L}\p{N}\s]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}
