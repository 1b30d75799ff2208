import { capPostedLength } from "./cap-posted-length.js";
import { neutraliseBotCommands } from "./neutralise-bot-commands.js";
import { GITHUB_COMMENT_MAX_LENGTH } from "./sanitize-posted-text.js";

/**
 * The last guard before a text goes to GitHub: `sanitizePostedText` already made what the model
 * and the pull request wrote inert, but our own templates show file names and error texts too.
 * What it neutralises is cut again to GitHub's limit, since the zero-width spaces lengthen it.
 */
export function guardPostedText(text: string): string {
  const inert = neutraliseBotCommands(text);
  return inert === text ? text : capPostedLength(inert, GITHUB_COMMENT_MAX_LENGTH);
}
