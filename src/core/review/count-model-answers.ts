/** Which part of a review a model request belongs to. */
export type ReviewPart = "review" | "verify";

/** How many requests of one part of a review one model answered (names and counts, never content). */
export interface ModelAnswerCount {
  part: ReviewPart;
  model: string;
  requests: number;
}

/** Adds one answered request of `part` by `model` to `counts`, in the order models first answered. */
export function countModelAnswer(counts: ModelAnswerCount[], part: ReviewPart, model: string): void {
  const known = counts.find((entry) => entry.part === part && entry.model === model);
  if (known) known.requests += 1;
  else counts.push({ part, model, requests: 1 });
}
