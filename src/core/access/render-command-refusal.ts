/** Hidden marker of the reply to a refused `/review`: one such reply per pull request is enough. */
export const COMMAND_REFUSAL_MARKER = "<!-- patchwise:command-refused -->";

/** The short reply to a refused `/review`, saying who may run it; it names nobody, so it notifies nobody. */
export function renderCommandRefusal(settings: { allowAuthor: boolean }): string {
  const who = settings.allowAuthor ? "people with write access to this repository and the author of this pull request" : "people with write access to this repository";
  return [
    `Patchwise runs \`/review\` only for ${who}. Ask a maintainer to comment \`/review\` if you would like a review.`,
    "Further `/review` comments on this pull request from people without that access are ignored without a reply.",
    COMMAND_REFUSAL_MARKER,
  ].join("\n\n");
}
