import { buildDryRunReport } from "../core/report/build-dry-run-report.js";
import { buildLocalReport } from "../core/report/build-local-report.js";
import { checkReportSuggestions } from "../core/report/check-report-suggestions.js";
import { renderDryRun } from "../core/report/render-dry-run.js";
import { renderMarkdownReport } from "../core/report/render-markdown-report.js";
import { renderSarif } from "../core/report/render-sarif.js";
import { reachesSeverity } from "../core/review/reaches-severity.js";
import { concludeReview } from "../core/review/conclude-review.js";
import { prepareReview } from "../core/review/prepare-review.js";
import { reviewBudget } from "../core/files/review-budget-settings.js";
import { costOf } from "../core/files/apply-review-budget.js";
import { describeModel } from "../core/tokens/describe-model.js";
import { sizeModelRequests } from "../core/tokens/size-model-requests.js";
import { loadBpeCount } from "../tokens/load-bpe-count.js";
import { readEnv } from "../env.js";
import { askForReviews, listUnreviewedFiles } from "../pipeline/ask-for-reviews.js";
import { gatherRelatedCode } from "../pipeline/gather-related-code.js";
import { createGitObjectReader } from "../repo/read-git-objects.js";
import { createWorkingTreeReader } from "../repo/read-working-tree.js";
import { prepareSuggestionChecks } from "../pipeline/prepare-suggestion-checks.js";
import { shareSnapshot } from "../pipeline/share-snapshot.js";
import { verifyFindings } from "../pipeline/verify-findings.js";
import { answerWithFallbacks } from "../pipeline/answer-with-fallbacks.js";
import type { ModelAnswerCount, ReviewPart } from "../core/review/count-model-answers.js";
import type { PromptTemplates } from "../prompts/load-prompt-templates.js";
import type { ModelClient } from "../pipeline/ports.js";
import { createModelClient, type ModelClientSettings } from "../providers/create-model-client.js";
import { createWindowProbe, describeTruncation } from "../providers/create-window-probe.js";
import { DEFAULT_MODELS } from "../providers/default-models.js";
import { describeModelEndpoint } from "../providers/describe-model-endpoint.js";
import { createProgress } from "./create-progress.js";
import type { CliOptions } from "./parse-cli-args.js";
import { readLocalChanges } from "./read-local-changes.js";
import { readLocalConfig } from "./read-local-config.js";
import { readLocalInstructionFiles } from "./read-local-instruction-files.js";
import { loadInstructionFiles } from "../pipeline/load-instruction-files.js";

export interface CliContext {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  templates: PromptTemplates;
  version: string;
  createModel?: (settings: ModelClientSettings) => ModelClient;
}

export const EXIT = { ok: 0, failOn: 1, usage: 2, failed: 3 } as const;
const INFO_URI = "https://github.com/patchwise/patchwise";

/** `patchwise review`: the shared prepare → ask → conclude steps, with a local source and output. */
export async function runReviewCommand(options: CliOptions, context: CliContext): Promise<number> {
  const progress = createProgress(context.stderr, options.quiet);
  const changes = await readLocalChanges(options, context.cwd);
  const config = await readLocalConfig(changes.root, options.config);
  const env = readEnv(context.env);
  const model = config.model ?? env.model.model ?? DEFAULT_MODELS[env.model.provider];
  const lightModel = config.modelLight ?? env.model.modelLight ?? model;
  progress(`read ${changes.files.length} changed file(s) in ${changes.range}`);

  // A self-hosted server is asked for the window it runs the model with; without an answer the figures below apply.
  const probed = (await createWindowProbe({ provider: env.model.provider, baseUrl: env.model.openaiBaseUrl, log: progressLog(progress) })?.(model)) ?? null;
  if (probed) progress(probed.truncatesSilently ? describeTruncation(probed) : `${probed.server} runs ${model} with a ${probed.window.toLocaleString("en-US")}-token window; requests are sized to it`);
  const sizing = sizeModelRequests(
    model,
    {
      serverContextWindow: probed?.window,
      operatorContextWindow: env.model.contextWindow,
      repoContextWindow: config.contextWindow,
      maxOutputTokens: env.model.maxOutputTokens,
      requestTokens: env.model.requestTokens,
      repoRequestTokens: config.requestTokens,
      operatorPrice: env.model.price,
    },
    await loadBpeCount(describeModel(model).tokenizer.encoding),
  );
  // Read once for related code and the suggestion checks: the commit under review when --head
  // names one (the checkout may be elsewhere), else the working tree.
  const ref = options.head ?? "HEAD";
  const reader = shareSnapshot(options.head === undefined ? createWorkingTreeReader(changes.root) : createGitObjectReader(changes.root));
  const relatedCode = gatherRelatedCode({ reader, ref, budgetLines: config.relatedCodeLines, log: progressLog(progress), ids: {} });
  const budget = reviewBudget(env.model, config);
  // Locally the working tree's own files: they are the user's, as the rest of what is reviewed.
  const instructions = await loadInstructionFiles(config, { loadInstructionFiles: () => readLocalInstructionFiles(changes.root) }, progressLog(progress), {});
  // Said even when stderr is not a terminal: the team's rules were not all followed.
  const notes = [...instructions.cut.map((file) => `${file.path} ${file.reason}`), ...instructions.skipped.map((file) => `${file.path} not used: ${file.reason}`)];
  if (!options.quiet) for (const note of notes) context.stderr.write(`patchwise: instruction file ${note}\n`);
  const prepared = await prepareReview({ title: changes.title, body: changes.body, files: changes.files, config, templates: context.templates, ...sizing, budget, relatedCode, instructionFiles: instructions.files });
  if (prepared.instructionFiles.length > 0) progress(`instruction files followed: ${prepared.instructionFiles.join(", ")}`);
  progress(`related code: ${prepared.relatedCode.snippets.length} snippet(s)`);
  progress(`prepared ${prepared.prompts.length} request(s) for ${prepared.patches.length} file(s)`);

  if (options.dryRun) {
    const report = buildDryRunReport({
      range: changes.range,
      provider: env.model.provider,
      model,
      endpoint: describeModelEndpoint(env.model),
      prepared,
      price: sizing.price,
      relatedCode: prepared.relatedCode.snippets,
      redactions: { count: prepared.redaction.total, types: prepared.redaction.counts },
    });
    context.stdout.write(options.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : renderDryRun(report));
    return EXIT.ok;
  }

  const client = (context.createModel ?? createModelClient)({ ...env.model, provider: env.model.provider });
  const answeredBy: ModelAnswerCount[] = [];
  const answering = (part: ReviewPart) => answerWithFallbacks(client, part, { fallbacks: env.model.fallbackModels, answeredBy, log: progressLog(progress), ids: {} });
  progress(`sending ${prepared.prompts.length} request(s) to ${model}`);
  const asked = await askForReviews(answering("review"), prepared.prompts, {
    model,
    concurrency: env.model.concurrency,
    split: prepared.splitPrompt,
    onSplit: ({ request, of, parts, window }) => progress(`request ${request} of ${of} split in ${parts} after ${window === null ? "the server refused it as too long" : `the server's ${window.toLocaleString("en-US")}-token limit`}`),
    // Said even when stderr is not a terminal (a CI log): a long wait should say why.
    onRetry: ({ request, of, attempt, attempts, reason }) => {
      if (!options.quiet) context.stderr.write(`patchwise: request ${request} of ${of}: ${reason}; sending it again (attempt ${attempt} of ${attempts})\n`);
    },
  });
  progress(`received ${asked.answers.length} answer(s)${asked.failed.length > 0 ? `; ${asked.failed.length} request(s) failed, their files are listed as not reviewed` : ""}`);
  if (asked.answers.length === 0) {
    context.stderr.write(`patchwise: the model's answer did not match the review schema twice (${asked.unusable.flatMap((u) => u.errors).slice(0, 3).join("; ")})\n`);
    return EXIT.failed;
  }
  const tokens = { input: asked.usage.inputTokens, output: asked.usage.outputTokens };
  if (sizing.price) progress(`${tokens.input} input / ${tokens.output} output tokens, about $${costOf(tokens.input, tokens.output, sizing.price).toFixed(4)}`);
  const verified = config.verify
    ? await verifyFindings(answering("verify"), asked.answers, {
        model: lightModel,
        templates: context.templates.verify,
        threshold: config.verifyThreshold,
        patches: prepared.patches,
        redaction: prepared.redaction,
        maxOutputTokens: sizing.limits.maxOutputTokens,
        concurrency: env.model.concurrency,
        log: progressLog(progress),
        ids: {},
      })
    : null;
  if (verified) {
    const { dropped, scored, failed, tokens: spent } = verified.summary;
    progress(`verification: ${dropped} of ${scored} scored finding(s) dropped, ${failed} request(s) failed, ${spent.input} input / ${spent.output} output tokens`);
  }
  const answers = verified?.answers ?? asked.answers;
  const checks = await prepareSuggestionChecks(answers.flatMap((answer) => answer.findings), { reader, ref, patches: prepared.patches, log: progressLog(progress), ids: {} });
  const skippedFiles = [...prepared.skippedFiles, ...asked.unfit, ...listUnreviewedFiles(asked)];
  const concluded = concludeReview({
    headSha: "",
    answers,
    lineMap: prepared.lineMap,
    config,
    redaction: prepared.redaction,
    committedSecrets: prepared.committedSecrets,
    patches: prepared.patches,
    existingComments: [],
    ...checks,
    summary: { headSha: "", model, provider: client.provider, tokens, skippedFiles, configErrors: [], lightModel, answeredBy },
  });
  const report = buildLocalReport({
    range: changes.range,
    provider: client.provider,
    model,
    summary: asked.answers.map((answer) => answer.summary.trim()).join("\n\n"),
    anchored: checkReportSuggestions(concluded.anchored, { patches: prepared.patches, ...checks }),
    skippedFiles,
    relatedCode: prepared.relatedCode.snippets,
    tokens,
    modelRequests: asked.requests,
  });
  context.stdout.write(renderReport(report, options.format, context.version));
  return reachesSeverity(report.findings.map((finding) => finding.severity), options.failOn) ? EXIT.failOn : EXIT.ok;
}

// The pipeline's ids-only log lines mean nothing to a CLI user; its warnings go to the progress output.
function progressLog(progress: (message: string) => void) {
  const ignore = () => undefined;
  return { debug: ignore, info: ignore, warn: (_facts: object, message?: string) => progress(message ?? "warning"), error: (_facts: object, message?: string) => progress(message ?? "error") };
}

function renderReport(report: ReturnType<typeof buildLocalReport>, format: CliOptions["format"], version: string): string {
  if (format === "json") return `${JSON.stringify(report, null, 2)}\n`;
  if (format === "sarif") return `${JSON.stringify(renderSarif(report, { version, informationUri: INFO_URI }), null, 2)}\n`;
  return renderMarkdownReport(report);
}
