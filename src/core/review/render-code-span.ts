import { neutraliseBotCommands } from "../sanitize/neutralise-bot-commands.js";

/**
 * Text from the pull request or the model (a file name, say) as one inline code span: on one
 * line, fenced by a backtick run longer than any inside so it reads literally, and inert to other
 * bots (they read the raw body, where `@dependabot merge` in a code span is still a command).
 */
export function renderCodeSpan(text: string): string {
  const value = neutraliseBotCommands(text.replace(/\s+/g, " ").trim());
  const longestRun = Math.max(0, ...[...value.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = "`".repeat(longestRun + 1);
  const pad = value.startsWith("`") || value.endsWith("`") ? " " : "";
  return `${fence}${pad}${value}${pad}${fence}`;
}
