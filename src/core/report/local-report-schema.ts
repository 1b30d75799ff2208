import { z } from "zod";
import { CATEGORIES, SEVERITIES } from "../types.js";

// The CLI's `--format json` output. A documented, versioned contract: add fields, never rename
// or remove them without raising `schemaVersion`.
const relatedSnippetSchema = z.object({
  path: z.string(),
  startLine: z.number().int(),
  endLine: z.number().int(),
  reason: z.string(),
});

const reportFindingSchema = z.object({
  path: z.string(),
  line: z.number().int(),
  startLine: z.number().int().nullable(),
  side: z.enum(["RIGHT", "LEFT"]),
  severity: z.enum(SEVERITIES),
  category: z.enum(CATEGORIES),
  title: z.string(),
  body: z.string(),
  suggestion: z.string().nullable(),
  /** False when the line is not a changed line of the diff (a PR review would list it in the summary). */
  inDiff: z.boolean(),
});

const skippedFileSchema = z.object({ path: z.string(), reason: z.string() });

export const localReportSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal("review"),
  range: z.string().describe("What was reviewed, e.g. main...HEAD or --staged"),
  provider: z.string(),
  model: z.string(),
  summary: z.string(),
  findings: z.array(reportFindingSchema),
  belowThreshold: z.number().int().describe("Findings left out by minSeverity or excludeCategories"),
  skippedFiles: z.array(skippedFileSchema),
  relatedCode: z.array(relatedSnippetSchema),
  tokens: z.object({ input: z.number().int(), output: z.number().int() }),
  modelRequests: z.number().int(),
});

export const dryRunReportSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal("dry-run"),
  range: z.string(),
  provider: z.string(),
  model: z.string(),
  endpoint: z.object({
    host: z.string().describe("where the requests would go (host only)"),
    credentials: z.string().describe("the kind of credentials that would sign them, never their value"),
  }),
  requests: z.array(
    z.object({
      paths: z.array(z.string()),
      inputTokens: z.number().int(),
      system: z.string(),
      user: z.string(),
    }),
  ),
  totalInputTokens: z.number().int(),
  estimatedCostUsd: z.number().nullable().describe("The input's cost at the catalog's price; null when the model's price is unknown"),
  maxCostUsd: z.number().nullable().describe("The input and every answer at its limit: the most the review can cost; null when the price is unknown"),
  skippedFiles: z.array(skippedFileSchema),
  relatedCode: z.array(relatedSnippetSchema),
  redactions: z.object({ count: z.number().int(), types: z.record(z.string(), z.number().int()) }),
});

export type LocalReport = z.infer<typeof localReportSchema>;
export type ReportFinding = z.infer<typeof reportFindingSchema>;
export type DryRunReport = z.infer<typeof dryRunReportSchema>;
