import { isPlaceholderValue } from "./is-placeholder-value.js";
import { measureEntropy } from "./measure-entropy.js";

const MIN_LENGTH = 8;
const MAX_LENGTH = 1000;

/**
 * Whether a value found under a secret-sounding name (or after `Bearer`) is likely a real
 * credential: long enough, no spaces, not a placeholder, not a URL or code reference, not made of
 * plain words, and random enough for its length. People choose passwords, so under a password
 * name a few words with a number (`letmein42`) count; under a token or key name they are a name.
 */
export function looksLikeSecretValue(value: string, { password = false } = {}): boolean {
  if (value.length < MIN_LENGTH || value.length > MAX_LENGTH || /\s/.test(value)) return false;
  if (isPlaceholderValue(value) || value.includes("://")) return false;
  if (CODE_REFERENCE.test(value) || isWordLike(value) || (!password && NAME_WITH_NUMBER.test(value))) return false;
  if (characterClasses(value) < 2) return false;
  // A short password cannot reach the entropy of a long key: the bar rises with the length, to 3 bits.
  return measureEntropy(value) >= Math.min(3, Math.log2(value.length) - 0.7);
}

// `config.apiKey`, `this.#state.token`, `getToken()`, `$token`, `@token`, `this->secret`: names
// without digits inside, where a random token with a dot in it has digits among its letters.
const NAME = String.raw`#?[A-Za-z_$][A-Za-z_$]*\d*`;
const CODE_REFERENCE = new RegExp(String.raw`^@?${NAME}(?:(?:\.|->|::)${NAME})+(?:\(\))?$|^${NAME}\(\)$`);

// `ghs_test`, `sk-live-123`: up to three lowercase words and a number, as test and documentation
// values are written; four or more words may be a passphrase.
const NAME_WITH_NUMBER = /^[a-z]+(?:[-_][a-z]+){0,2}[-_]?\d{0,4}$/;

// `access_token`, `my-app-secret-name`, `PASSWORD_FIELD`, `OAuthAppOptions`: names and words, not
// random keys, which have digits or fragments without a vowel.
function isWordLike(value: string): boolean {
  if (/\d/.test(value)) return false;
  const words = value.split(/[-_.]+|(?<=[a-z])(?=[A-Z])/).filter((word) => word !== "");
  return words.length > 0 && words.every(isWord);
}

// An acronym (API, URL) or letters with a vowel (token, Options, OAuth, MCPOAuth).
function isWord(word: string): boolean {
  return /^[A-Z]{2,5}$/.test(word) || (/^[A-Z]{0,6}[a-z]{2,}$|^[A-Z]{2,}$/.test(word) && /[aeiouy]/i.test(word));
}

function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((pattern) => pattern.test(value)).length;
}
