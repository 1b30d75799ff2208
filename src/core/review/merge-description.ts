/** Where Patchwise's section of a pull request description begins and ends. */
export const DESCRIPTION_START = "<!-- patchwise:description:start -->";
export const DESCRIPTION_END = "<!-- patchwise:description:end -->";

/**
 * The pull request's description with `section` as Patchwise's part: the author's text is kept
 * word for word above it, and an earlier Patchwise section (with whatever sat below it) is
 * replaced rather than added to. Only the bot's own earlier section is ever replaced: the
 * caller removes the markers from everything the model wrote.
 */
export function mergeDescription(body: string, section: string): string {
  const author = authorText(body);
  const generated = `${DESCRIPTION_START}\n${section}\n${DESCRIPTION_END}`;
  return author.trim() === "" ? generated : `${author.replace(/\s+$/, "")}\n\n${generated}`;
}

/** The author's own part of a description: everything above Patchwise's section (all of it when there is none). */
export function authorText(body: string): string {
  const start = body.indexOf(DESCRIPTION_START);
  if (start === -1) return body;
  const end = body.indexOf(DESCRIPTION_END, start);
  // Text the author added below our section is theirs too: kept, after the text above it.
  const below = end === -1 ? "" : body.slice(end + DESCRIPTION_END.length).replace(/^\s+/, "");
  const above = body.slice(0, start).replace(/\s+$/, "");
  return below === "" ? above : above === "" ? below : `${above}\n\n${below}`;
}
