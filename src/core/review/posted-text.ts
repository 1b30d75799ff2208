import { sanitizePostedText } from "../sanitize/sanitize-posted-text.js";

/** What posted text may point to: links survive only to the GitHub web host. */
export interface PostedTextRules {
  githubHost: string;
}

/** Untrusted text (the model's, or the pull request's) as a block of a comment: sanitised and at most `maxLength` long. */
export function postedBlock(text: string, rules: PostedTextRules, maxLength: number): string {
  return sanitizePostedText(text, { githubHost: rules.githubHost, maxLength });
}

/** Untrusted text inside one line of a comment (a list item, a table cell): sanitised, collapsed, at most `maxLength` long. */
export function postedLine(text: string, rules: PostedTextRules, maxLength: number): string {
  return sanitizePostedText(text, { githubHost: rules.githubHost, maxLength, singleLine: true });
}
