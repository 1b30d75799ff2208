import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { GitHubCallObserver } from "../github/create-octokit-class.js";
import type { ReviewOutcome } from "../pipeline/review-pull-request.js";
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
  observeGitHubCall: GitHubCallObserver;
  recordRedactions(countsByType: Record<string, number>): void;
}

const SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/**
 * Prometheus metrics on a registry of the app's own (no global state). Labels carry outcomes,
 * routes, providers and model names; never a repository, user or anything of the code.
 */
export function createMetrics(queueStats: () => QueueStats): PatchwiseMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "patchwise_" });
  const reviews = new Counter({ name: "patchwise_reviews_total", help: "Reviews by outcome", labelNames: ["outcome"], registers: [registry] });
  const duration = new Histogram({ name: "patchwise_review_duration_seconds", help: "Wall time of a review", buckets: SECONDS, registers: [registry] });
  const outside = new Histogram({
    name: "patchwise_review_time_outside_model_seconds",
    help: "Wall time of a review minus its model phase",
    buckets: SECONDS,
    registers: [registry],
  });
  const modelRequests = new Counter({ name: "patchwise_model_requests_total", help: "Model requests", labelNames: ["provider", "model"], registers: [registry] });
  const tokens = new Counter({ name: "patchwise_model_tokens_total", help: "Model tokens", labelNames: ["provider", "model", "direction"], registers: [registry] });
  const github = new Counter({ name: "patchwise_github_requests_total", help: "GitHub API calls by route template and status", labelNames: ["method", "route", "status"], registers: [registry] });
  const redactions = new Counter({ name: "patchwise_secrets_redacted_total", help: "Secrets redacted before a model call, by type", labelNames: ["type"], registers: [registry] });
  new Gauge({
    name: "patchwise_queue_jobs",
    help: "Review jobs in the queue by state",
    labelNames: ["state"],
    registers: [registry],
    collect() {
      const stats = queueStats();
      this.set({ state: "waiting" }, stats.waiting);
      this.set({ state: "running" }, stats.running);
    },
  });
  new Gauge({
    name: "patchwise_queue_oldest_wait_seconds",
    help: "Age of the oldest waiting review job",
    registers: [registry],
    collect() {
      this.set(queueStats().oldestWaitSeconds);
    },
  });

  return {
    registry,
    recordOutcome(outcome) {
      reviews.inc({ outcome: outcome.status });
      duration.observe(outcome.durationMs / 1000);
      outside.observe(Math.max(0, outcome.durationMs - outcome.modelMs) / 1000);
      const { provider, model, requests, inputTokens, outputTokens } = outcome.modelRequests;
      if (requests === 0) return;
      modelRequests.inc({ provider, model }, requests);
      tokens.inc({ provider, model, direction: "input" }, inputTokens);
      tokens.inc({ provider, model, direction: "output" }, outputTokens);
    },
    // Route templates only (see routeLabel): no repository or user name reaches a label.
    observeGitHubCall: ({ method, route, status }) => github.inc({ method, route: routeLabel(route), status: String(status) }),
    recordRedactions(countsByType) {
      for (const [type, count] of Object.entries(countsByType)) redactions.inc({ type }, count);
    },
  };
}
