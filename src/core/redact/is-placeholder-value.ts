// Values that documentation, templates and tests put where a secret would go. Each pattern is
// unlikely inside a random key (a 6-character run of one character, a 7-character word) so a real
// secret is not mistaken for one of them.
const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /example/i,
  /placeholder|dummy|changeme|change[-_]me|replace[-_]?me|redacted|not[-_]?a[-_]?real/i,
  /your[-_ ]?[a-z_-]*(?:key|token|secret|password|pass|here|id)/i,
  /token|secret|passw(?:or)?d|api[-_]?key/i, // a value naming itself: usertoken123, my-secret-value
  /[-_](?:goes[-_])?here$/i,
  /(.)\1{5,}/, // xxxxxx, ******, 000000
  /0123456|1234567|abcdefg/i,
  /\.\.\./, // an elided value: sk-proj-...
  /<[^<>]{1,60}>/, // <token>, <your key>
  /\$\{[^}]{0,80}\}|\{\{[^}]{0,80}\}\}|%[A-Z_]{2,40}%|%\(\w+\)s/, // ${API_KEY}, {{ secret }}, %TOKEN%, %(password)s
  /^\$[A-Za-z_]\w*$/, // $TOKEN
  /process\.env|import\.meta\.env|os\.environ|getenv\(|ENV\[/,
  /^(?:password|passw0rd|secret|changeit|admin|root|test|token|pass)\d{0,4}!?$/i,
];

/** True when a matched value is an obvious stand-in (`your-api-key-here`, `<token>`, `${API_KEY}`, `xxxxxxxx`, `...EXAMPLE`). */
export function isPlaceholderValue(value: string): boolean {
  return PLACEHOLDER_PATTERNS.some((pattern) => pattern.test(value));
}
