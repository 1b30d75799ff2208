/** Where one secret sits in a text: UTF-16 offsets [start, end) and its kind. */
export interface SecretSpan {
  start: number;
  end: number;
  type: string;
  /** Found by a name-and-entropy guess rather than a known key format; a known format wins an overlap. */
  generic?: boolean;
}
