import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { BenchSection, SectionOptions } from "./bench-section.js";
import { describeMachine } from "./report/describe-machine.js";
import { renderMarkdownSection } from "./report/render-markdown-section.js";
import { renderTextTable } from "./report/render-text-table.js";
import { updateBenchBlock } from "./report/update-bench-block.js";

// `npm run bench [-- --only <section>] [-- --write-readme] [-- --repo PATH --commits N --rev COMMIT --misses]`: runs each section (every module in
// bench/sections/ exports `run(): Promise<BenchSection>`; a new file is a new section), prints its
// table, and with --write-readme puts the figures into README.md between the bench markers.
const SECTIONS = readdirSync(new URL("./sections/", import.meta.url))
  .filter((file) => file.endsWith(".ts"))
  .map((file) => file.slice(0, -".ts".length))
  .sort();
const README = new URL("../README.md", import.meta.url);

const { values } = parseArgs({
  options: { only: { type: "string" }, "write-readme": { type: "boolean", default: false }, repo: { type: "string" }, commits: { type: "string" }, rev: { type: "string" }, misses: { type: "boolean", default: false } },
});
// `--repo PATH --commits N --rev COMMIT`: context-quality measured on another local git repository, from a pinned commit back.
const options: SectionOptions = {
  ...(values.repo === undefined ? {} : { repo: values.repo }),
  ...(values.commits === undefined ? {} : { commits: Number(values.commits) }),
  ...(values.rev === undefined ? {} : { rev: values.rev }),
  misses: values.misses,
};
if (values.repo !== undefined && values["write-readme"]) {
  // The README block holds this repository's figures; foreign ones go into its table by hand, with their commits.
  console.error("bench: --repo measures another repository; it does not write README.md");
  process.exit(2);
}
if (values.only !== undefined && !SECTIONS.includes(values.only)) {
  console.error(`bench: no section "${values.only}"; the sections are ${SECTIONS.join(", ")}`);
  process.exit(2);
}

const machine = describeMachine();
const measured = new Map<string, string>();
const failed: string[] = [];
for (const name of values.only === undefined ? SECTIONS : [values.only]) {
  console.error(`bench: running ${name} ...`);
  try {
    const { run } = (await import(`./sections/${name}.js`)) as { run: (options: SectionOptions) => Promise<BenchSection> };
    const section = await run(options);
    console.log(`${renderTextTable(section)}\n`);
    measured.set(name, `${renderMarkdownSection(section)}\n\n_Measured ${machine}._`);
  } catch (error) {
    // One broken section must not cost the figures of the others.
    console.error(`bench: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    failed.push(name);
  }
}
console.log(`Measured ${machine}.`);

if (values["write-readme"] && measured.size > 0) {
  writeFileSync(README, updateBenchBlock(readFileSync(README, "utf8"), measured, SECTIONS));
  console.error(`bench: README.md updated (${[...measured.keys()].join(", ")}); sections not run keep their earlier figures`);
}
if (failed.length > 0) process.exitCode = 1;
