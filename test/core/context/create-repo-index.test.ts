import { describe, expect, it } from "@jest/globals";
import { createRepoIndex } from "../../../src/core/context/create-repo-index.js";
import { createRepoSnapshot } from "../../../src/core/context/repo-snapshot.js";
import { DEFAULT_SELECTION_LIMITS } from "../../../src/core/context/select-related-code.js";
import type { SyntaxService } from "../../../src/core/context/types.js";

const noParser: SyntaxService = { outline: () => undefined };

const files = new Map([
  ["src/a.ts", "const x = abc(1); // uses ab and bc only inside abc"],
  ["src/b.ts", "export function loadInvoice(id) { return cache.get(id); }"],
  ["src/c.py", "from app.parse_config import $price, a.b+c"],
  ["src/d.ts", "loadInvoice0(); loadInvoice0();"],
  ["src/e.ts", "call(foo_bar_baz);"],
  ["README.md", "loadInvoice is documented here, but Markdown is not searched"],
]);

const indexOf = () => createRepoIndex(createRepoSnapshot(files), noParser, DEFAULT_SELECTION_LIMITS, new Set());

describe("createRepoIndex name search", () => {
  it("answers the same files from one pass over the repository as from a search per name", () => {
    const names = ["abc", "bc", "loadInvoice", "loadInvoice0", "cache", "$price", "a.b+c", "parse_config", "foo_bar", "bar_baz", "absent"];
    const alone = indexOf();
    const expected = Object.fromEntries(names.map((name) => [name, alone.mentioning(name)]));
    const batched = indexOf();
    batched.prefetchMentions(names);
    expect(Object.fromEntries(names.map((name) => [name, batched.mentioning(name)]))).toEqual(expected);
    expect(expected).toMatchObject({ bc: ["src/a.ts"], loadInvoice: ["src/b.ts", "src/d.ts"], loadInvoice0: ["src/d.ts"], "$price": ["src/c.py"], "a.b+c": ["src/c.py"], foo_bar: ["src/e.ts"], bar_baz: ["src/e.ts"], absent: [] });
  });

  it("counts each name searched once, whether searched in one pass or alone", () => {
    const index = indexOf();
    index.prefetchMentions(["cache", "loadInvoice0", "cache"]);
    index.mentioning("cache");
    index.mentioning("bc");
    expect(index.stats.searchedNames).toBe(3);
  });
});
