/**
 * The link target to write when `destination` points at the GitHub host itself, or null.
 * Parsed the way a browser would (WHATWG URL, relative to the host), so `//evil.example`,
 * `/\evil.example` and `https://github.com@evil.example` are all refused. A destination with a
 * backslash escape or an entity is refused too: GitHub decodes them, and this check does not.
 */
export function toGitHubHref(destination: string, githubHost: string): string | null {
  if (/[\\&\s]/.test(destination)) return null;
  const url = parseGitHubUrl(destination, githubHost);
  if (url === null) return null;
  // Characters that could end or reshape the markdown link around the target are percent-encoded.
  return url.href.replace(/[()`<>"'|[\]$]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/** The URL when it is an http(s) URL of the GitHub host (relative ones are resolved against it), else null. */
export function parseGitHubUrl(text: string, githubHost: string): URL | null {
  let url: URL;
  try {
    url = new URL(/^www\./i.test(text) ? `http://${text}` : text, `https://${githubHost}/`);
  } catch {
    return null;
  }
  const sameHost = url.host.toLowerCase() === githubHost.toLowerCase();
  const web = url.protocol === "https:" || url.protocol === "http:";
  return sameHost && web && url.username === "" && url.password === "" ? url : null;
}

/** The host named by a URL, for saying which link was removed; null when it does not parse or reads oddly. */
export function hostOf(url: string): string | null {
  try {
    const { host } = new URL(/^www\./i.test(url) ? `http://${url}` : url);
    // Hosts may hold characters (a backtick, say) that would end the code span the host is shown in.
    return /^[A-Za-z0-9.\-:[\]]+$/.test(host) ? host : null;
  } catch {
    return null;
  }
}
