import type { CommandRequest } from "../types.js";

/** Hidden marker of the reply to a refused command: one such reply per pull request is enough, whichever command it refused. */
export const COMMAND_REFUSAL_MARKER = "<!-- patchwise:command-refused -->";

/** A command as a refusal names it: absent is `/review`. */
export type CommandName = CommandRequest["name"];

// What each command is called and what a maintainer's run of it would give the person refused.
const COMMANDS: Record<NonNullable<CommandName> | "review", { runs: string; ask: string }> = {
  review: { runs: "runs `/review`", ask: "Ask a maintainer to comment `/review` if you would like a review." },
  ask: { runs: "answers `/ask`", ask: "Ask a maintainer to comment `/ask` if you would like an answer." },
  describe: { runs: "runs `/describe`", ask: "Ask a maintainer to comment `/describe` if you would like a description." },
  thread: { runs: "answers replies in its review threads", ask: "A maintainer's reply in the thread gets an answer." },
};

/** The short reply to a refused command, naming that command and who may run it; it names nobody, so it notifies nobody. */
export function renderCommandRefusal(settings: { allowAuthor: boolean }, command: CommandName = undefined): string {
  const who = settings.allowAuthor ? "people with write access to this repository and the author of this pull request" : "people with write access to this repository";
  const words = COMMANDS[command ?? "review"];
  return [
    `Patchwise ${words.runs} only for ${who}. ${words.ask}`,
    "Further commands on this pull request from people without that access are ignored without a reply.",
    COMMAND_REFUSAL_MARKER,
  ].join("\n\n");
}

/** The command as logs and refusal reasons name it (`/review`, `/ask`, `/describe`, `thread reply`). */
export function commandLabel(command: CommandName): string {
  return command === "thread" ? "thread reply" : `/${command ?? "review"}`;
}
