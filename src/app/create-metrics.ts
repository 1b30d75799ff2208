import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { FeedbackCounts } from "../core/findings/count-feedback.js";
import { CATEGORIES, SEVERITIES } from "../core/types.js";
import type { GitHubCallObserver } from "../github/create-octokit-class.js";
import type { ReviewOutcome } from "../pipeline/review-pull-request.js";
import type { AnswerResult } from "../pipeline/run-answer.js";
import { routeLabel } from "./route-label.js";

export interface QueueStats {
  waiting: number;
  running: number;
  /** Seconds the oldest waiting job has waited, 0 when none waits. */
  oldestWaitSeconds: number;
}

export interface PatchwiseMetrics {
  registry: Registry;
  recordOutcome(outcome: ReviewOutcome): void;
  /** An answering command that ran (`/ask`, a thread reply, `/describe`, `describe: auto`): its outcome, and its model tokens with the reviews'. */
  recordAnswer(command: AnsweredCommand, result: AnswerResult): void;
  /** A command refused before it ran (no access, or over its rate limit). */
  recordRefusal(command: CommandLabel): void;
  observeGitHubCall: GitHubCallObserver;
  recordRedactions(countsByType: Record<string, number>): void;
  /** A webhook delivery answered: its HTTP status, and seconds from its request to its answer. */
  recordWebhookAnswer(status: number, seconds: number): void;
}

/** The answering commands as metrics name them; `describe` counts `describe: auto` too. */
export type AnsweredCommand = "ask" | "thread" | "describe";
export type CommandLabel = AnsweredCommand | "review";

const SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
// GitHub gives up on a delivery after 10 s; a healthy App answers in milliseconds.
const WEBHOOK_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

/**
 * Prometheus metrics on a registry of the app's own (no global state). Labels carry outcomes,
 * routes, providers and model names; never a repository, user or anything of the code.
 */
export function createMetrics(queueStats: () => QueueStats | Promise<QueueStats>): PatchwiseMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "patchwise_" });
  const reviews = new Counter({ name: "patchwise_reviews_total", help: "Reviews by outcome", labelNames: ["outcome"], registers: [registry] });
  const partial = new Counter({
    name: "patchwise_reviews_partial_total",
    help: "Posted reviews that left files unreviewed because some of their model requests failed for good",
    registers: [registry],
  });
  const duration = new Histogram({ name: "patchwise_review_duration_seconds", help: "Wall time of a review", buckets: SECONDS, registers: [registry] });
  const outside = new Histogram({
    name: "patchwise_review_time_outside_model_seconds",
    help: "Wall time of a review minus its model phase",
    buckets: SECONDS,
    registers: [registry],
  });
  const answers = new Counter({
    name: "patchwise_answers_total",
    help: "Answering commands by command (ask, thread, describe; describe counts describe: auto too) and outcome (answered, skipped, failed)",
    labelNames: ["command", "outcome"],
    registers: [registry],
  });
  const refusals = new Counter({
    name: "patchwise_commands_refused_total",
    help: "Commands refused before they ran (no access, or over a rate limit), by command (review, ask, thread, describe)",
    labelNames: ["command"],
    registers: [registry],
  });
  const modelRequests = new Counter({ name: "patchwise_model_requests_total", help: "Model requests", labelNames: ["provider", "model"], registers: [registry] });
  const tokens = new Counter({ name: "patchwise_model_tokens_total", help: "Model tokens", labelNames: ["provider", "model", "direction"], registers: [registry] });
  const github = new Counter({ name: "patchwise_github_requests_total", help: "GitHub API calls by route template and status", labelNames: ["method", "route", "status"], registers: [registry] });
  const webhookAnswers = new Histogram({
    name: "patchwise_webhook_answer_seconds",
    help: "Time from a webhook delivery's request to the App's answer, by HTTP status (the body read, the signature checked and the job queued)",
    labelNames: ["status"],
    buckets: WEBHOOK_SECONDS,
    registers: [registry],
  });
  const redactions = new Counter({ name: "patchwise_secrets_redacted_total", help: "Secrets redacted before a model call, by type", labelNames: ["type"], registers: [registry] });
  const feedback = new Counter({
    name: "patchwise_feedback_reactions_total",
    help: "👍 (+1) and 👎 (-1) reactions on Patchwise's earlier inline comments, by the finding's category and severity, as each review reads them (a reaction is counted again by every later review of its pull request)",
    labelNames: ["reaction", "category", "severity"],
    registers: [registry],
  });
  new Gauge({
    name: "patchwise_queue_jobs",
    help: "Review jobs in the queue by state",
    labelNames: ["state"],
    registers: [registry],
    // With the shared queue the numbers come from Redis (one read per scrape and gauge).
    async collect() {
      const stats = await queueStats();
      this.set({ state: "waiting" }, stats.waiting);
      this.set({ state: "running" }, stats.running);
    },
  });
  new Gauge({
    name: "patchwise_queue_oldest_wait_seconds",
    help: "Age of the oldest waiting review job",
    registers: [registry],
    async collect() {
      this.set((await queueStats()).oldestWaitSeconds);
    },
  });

  // Answers' requests count with the reviews': one total of what the model was sent, by provider and model.
  const recordTokens = ({ provider, model, inputTokens, outputTokens }: { provider: string; model: string; inputTokens: number; outputTokens: number }, requests: number) => {
    modelRequests.inc({ provider, model }, requests);
    tokens.inc({ provider, model, direction: "input" }, inputTokens);
    tokens.inc({ provider, model, direction: "output" }, outputTokens);
  };

  return {
    registry,
    recordOutcome(outcome) {
      reviews.inc({ outcome: outcome.status });
      if (outcome.status === "posted" && outcome.partial) partial.inc();
      recordFeedback(feedback, outcome.feedback);
      duration.observe(outcome.durationMs / 1000);
      outside.observe(Math.max(0, outcome.durationMs - outcome.modelMs) / 1000);
      const { provider, model, requests, inputTokens, outputTokens } = outcome.modelRequests;
      if (requests === 0) return;
      recordTokens({ provider, model, inputTokens, outputTokens }, requests);
    },
    recordAnswer(command, result) {
      answers.inc({ command, outcome: result.status });
      if (result.modelRequest) recordTokens(result.modelRequest, 1);
    },
    recordRefusal: (command) => refusals.inc({ command }),
    // Route templates only (see routeLabel): no repository or user name reaches a label.
    observeGitHubCall: ({ method, route, status }) => github.inc({ method, route: routeLabel(route), status: String(status) }),
    recordRedactions(countsByType) {
      for (const [type, count] of Object.entries(countsByType)) redactions.inc({ type }, count);
    },
    recordWebhookAnswer: (status, seconds) => webhookAnswers.observe({ status: String(status) }, seconds),
  };
}

// Label values are our own fixed categories and severities, checked again here: never a repository's or a user's words.
function recordFeedback(counter: Counter<"reaction" | "category" | "severity">, counts: FeedbackCounts | undefined): void {
  for (const kind of counts?.byKind ?? []) {
    if (!(CATEGORIES as readonly string[]).includes(kind.category) || !(SEVERITIES as readonly string[]).includes(kind.severity)) continue;
    if (kind.up > 0) counter.inc({ reaction: "+1", category: kind.category, severity: kind.severity }, kind.up);
    if (kind.down > 0) counter.inc({ reaction: "-1", category: kind.category, severity: kind.severity }, kind.down);
  }
}
