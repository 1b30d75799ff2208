#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { EnvError } from "../env.js";
import { loadPromptTemplates } from "../prompts/load-prompt-templates.js";
import { ModelError } from "../providers/model-error.js";
import { GitError } from "./run-git.js";
import { HELP_TEXT, parseCliArgs, UsageError } from "./parse-cli-args.js";
import { EXIT, runReviewCommand } from "./run-review-command.js";

// `patchwise review`: the CLI shell. Every error ends in one readable line and an exit code.
const version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

try {
  const options = parseCliArgs(process.argv.slice(2));
  if (options === "help") {
    process.stdout.write(HELP_TEXT);
  } else if (options === "version") {
    process.stdout.write(`${version}\n`);
  } else {
    process.exitCode = await runReviewCommand(options, {
      cwd: process.cwd(),
      env: process.env,
      stdout: process.stdout,
      stderr: process.stderr,
      templates: await loadPromptTemplates(),
      version,
    });
  }
} catch (error) {
  const usage = error instanceof UsageError || error instanceof EnvError || error instanceof GitError;
  const known = usage || error instanceof ModelError;
  process.stderr.write(`patchwise: ${known ? (error as Error).message : `unexpected ${(error as Error).name ?? "error"}`}\n`);
  if (error instanceof UsageError) process.stderr.write("Run `patchwise --help` for the options.\n");
  process.exitCode = usage ? EXIT.usage : EXIT.failed;
}
