/**
 * A fenced code block whose fence is longer than any backtick run inside, so the code cannot end
 * the block early. A trailing newline is dropped: models add one by habit, and in a suggestion it
 * would add an empty line.
 */
export function fenceCodeBlock(code: string, info = ""): string {
  const text = code.replace(/\r?\n$/, "");
  const longestRun = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = "`".repeat(Math.max(3, longestRun + 1));
  return text === "" ? `${fence}${info}\n${fence}` : `${fence}${info}\n${text}\n${fence}`;
}
