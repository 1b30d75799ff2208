// Zero-width space: invisible to a human reader, but it stops the text from spelling our delimiter.
const BREAK = "\u200b";

/**
 * Wraps text written by the PR author in `<untrusted-TAG>` delimiters, breaking any delimiter-like
 * sequence inside it so the text cannot close its block and speak outside it.
 */
export function fenceUntrusted(tag: string, text: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(tag)) throw new Error(`untrusted block tag must be lower-case kebab-case, got "${tag}"`);
  // Opening look-alikes are broken too: a fake opener could make the model misread where data ends.
  const neutralised = text.replace(/(<\s*\/?\s*untrusted)-/gi, `$1${BREAK}-`);
  return `<untrusted-${tag}>\n${neutralised}\n</untrusted-${tag}>`;
}
