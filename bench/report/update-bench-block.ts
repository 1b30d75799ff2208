const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";
const SECTION = /^<!-- bench:section ([\w-]+) -->\n/gm;

/**
 * The README with its bench block rewritten: sections just measured replace their earlier figures,
 * the others stay as they were (so `--only` refreshes one section). Sections follow `order`.
 */
export function updateBenchBlock(readme: string, measured: ReadonlyMap<string, string>, order: readonly string[]): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end < start) throw new Error(`README.md has no ${START} ... ${END} block`);
  const sections = new Map([...readSections(readme.slice(start + START.length, end)), ...measured]);
  const body = order.flatMap((name) => {
    const markdown = sections.get(name);
    return markdown === undefined ? [] : [`<!-- bench:section ${name} -->\n${markdown.trim()}\n`];
  });
  return `${readme.slice(0, start)}${START}\n${body.join("\n")}${END}${readme.slice(end + END.length)}`;
}

function readSections(block: string): Map<string, string> {
  const marks = [...block.matchAll(SECTION)];
  return new Map(
    marks.map((mark, index) => {
      const from = (mark.index ?? 0) + mark[0].length;
      return [mark[1] as string, block.slice(from, marks[index + 1]?.index ?? block.length)];
    }),
  );
}
