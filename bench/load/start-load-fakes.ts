import { startFakeGitHub, type FakeGitHub } from "../../test/helpers/fake-github.js";
import { startFakeModel, type FakeModel } from "../../test/helpers/fake-model.js";
import { loadWebhookExample } from "../../test/helpers/webhook-examples.js";
import { answerReview } from "../pipeline/answer-review.js";
import { buildHeadTree } from "../pipeline/build-head-tree.js";
import { makeSyntheticFiles } from "../pipeline/make-synthetic-files.js";

export interface LoadPull {
  number: number;
  headSha: string;
}

/** The fake GitHub and fake model of one load run, with what they saw, by pull request number. */
export interface LoadFakes {
  github: FakeGitHub;
  model: FakeModel;
  /** The real `pull_request.opened` example the deliveries are made from. */
  example: Record<string, any>;
  pulls: LoadPull[];
  /** When (performance.now()) each review and each summary comment reached GitHub, by pull request. */
  reviewsAt: Map<number, number[]>;
  summariesAt: Map<number, number[]>;
  close(): Promise<void>;
}

// A small pull request: three source files changed in four hunks each, a lock file and a PNG.
const FILES_PER_PULL = 5;
const REVIEWS = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/reviews$/;
const SUMMARIES = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/;

/**
 * Starts the fake GitHub with `pulls` distinct small pull requests (numbers 1..pulls) and the fake
 * model answering every request after `modelLatencyMs`, and records when each pull request's
 * review and summary comment arrive, so a run can be timed to its last summary and checked for
 * missing or duplicate reviews.
 */
export async function startLoadFakes(options: { pulls: number; modelLatencyMs: number }): Promise<LoadFakes> {
  const reviewsAt = new Map<number, number[]>();
  const summariesAt = new Map<number, number[]>();
  const record = (into: Map<number, number[]>, number: number) => into.set(number, [...(into.get(number) ?? []), performance.now()]);
  const github = await startFakeGitHub({
    onCall: (call) => {
      if (call.method !== "POST") return;
      const review = REVIEWS.exec(call.path);
      if (review) record(reviewsAt, Number(review[1]));
      const summary = SUMMARIES.exec(call.path);
      if (summary) record(summariesAt, Number(summary[1]));
    },
  });
  const model = await startFakeModel({ answer: answerReview, latencyMs: options.modelLatencyMs });
  const example = loadWebhookExample("pull_request", (p) => p.action === "opened" && Boolean(p.installation));
  const files = makeSyntheticFiles(FILES_PER_PULL);
  const headTree = buildHeadTree(files);
  const pulls = Array.from({ length: options.pulls }, (_, index) => ({ number: index + 1, headSha: (index + 1).toString(16).padStart(40, "0") }));
  for (const pr of pulls) {
    github.addPullRequest(example.repository.owner.login, example.repository.name, { ...pr, baseSha: "0".repeat(40), files, headTree, title: `Validate loader limits #${pr.number}`, body: "Rejects limits over the maximum." });
  }
  return { github, model, example, pulls, reviewsAt, summariesAt, close: async () => void (await Promise.all([github.close(), model.close()])) };
}
