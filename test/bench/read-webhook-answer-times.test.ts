import { describe, expect, it } from "@jest/globals";
import { readWebhookAnswerTimes } from "../../bench/load/read-webhook-answer-times.js";

const metrics = [
  'patchwise_webhook_answer_seconds_bucket{le="0.001",status="200"} 90',
  'patchwise_webhook_answer_seconds_bucket{le="0.005",status="200"} 98',
  'patchwise_webhook_answer_seconds_bucket{le="0.01",status="200"} 99',
  'patchwise_webhook_answer_seconds_bucket{le="+Inf",status="200"} 100',
  'patchwise_webhook_answer_seconds_sum{status="200"} 0.25',
  'patchwise_webhook_answer_seconds_count{status="200"} 100',
  'patchwise_webhook_answer_seconds_bucket{le="0.001",status="400"} 1',
  'patchwise_webhook_answer_seconds_count{status="400"} 1',
].join("\n");

describe("readWebhookAnswerTimes", () => {
  it("reads the mean and the bucket bound holding 99% of the answered deliveries, ignoring refusals", () => {
    expect(readWebhookAnswerTimes(metrics)).toEqual({ count: 100, meanMs: 2.5, p99WithinMs: 10 });
  });

  it("gives nothing before any delivery was answered", () => {
    expect(readWebhookAnswerTimes("patchwise_reviews_total 0")).toBeUndefined();
  });
});
