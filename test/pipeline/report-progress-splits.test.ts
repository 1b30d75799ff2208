import { describe, expect, it } from "@jest/globals";
import type { CheckRunUpdate } from "../../src/core/progress/check-run-update.js";
import { trackProgress } from "../../src/pipeline/report-progress.js";

const SHA = "e".repeat(40);

describe("trackProgress: requests split after a server's refusal", () => {
  it("counts the parts in and says which request was split and after what limit, within the update interval", async () => {
    let clock = 0;
    const shown: CheckRunUpdate[] = [];
    const progress = trackProgress({ report: async (_sha, update) => void shown.push(update) }, { minIntervalMs: 10_000, now: () => clock });
    progress.setHead(SHA);

    progress.filesRead(40, 8);
    clock = 12_000;
    progress.requestSplit({ request: 3, of: 8, parts: 2, window: 8_192 });
    clock = 13_000;
    progress.requestSplit({ request: 5, of: 8, parts: 3, window: null }); // too soon: shown with the next update
    clock = 30_000;
    progress.requestDone();

    expect(shown.map((update) => update.title)).toEqual([
      "Reviewing 40 files: 0 of 8 model requests done",
      "Reviewing 40 files: 0 of 9 model requests done",
      "Reviewing 40 files: 1 of 11 model requests done",
    ]);
    expect(shown.at(-1)?.summary).toBe(
      "Files read: 40. Model requests done: 1 of 11.\n\n- request 3 of 8 split in two after the server's 8,192-token limit\n- request 5 of 8 split in 3 after the server refused it as too long",
    );
  });

  it("says when a request is sent again and why", () => {
    const shown: CheckRunUpdate[] = [];
    let clock = 0;
    const progress = trackProgress({ report: async (_sha, update) => void shown.push(update) }, { minIntervalMs: 10_000, now: () => clock });
    progress.setHead(SHA);
    progress.filesRead(3, 2);
    clock = 10_000;
    progress.requestRetried({ request: 2, of: 2, attempt: 2, attempts: 4, reason: "no answer in time, or the connection failed" });

    expect(shown.at(-1)?.summary).toBe("Files read: 3. Model requests done: 0 of 2.\n\n- request 2 of 2: no answer in time, or the connection failed; sending it again (attempt 2 of 4)");
  });
});
