import { describe, expect, it } from "@jest/globals";
import { readConfigOnce } from "../../src/pipeline/read-config-once.js";

describe("readConfigOnce", () => {
  it("reads the configuration and the instruction files once for every pipeline of the job", async () => {
    const reads = { config: 0, instructions: 0 };
    const once = readConfigOnce({
      loadRepoConfig: async () => ++reads.config,
      loadInstructionFiles: async () => ({ files: [], skipped: [{ path: `read ${++reads.instructions}`, reason: "" }] }),
    });
    const answers = [await once.loadRepoConfig(), await once.loadRepoConfig(), await once.loadInstructionFiles!(), await once.loadInstructionFiles!()];
    expect(answers).toEqual([1, 1, { files: [], skipped: [{ path: "read 1", reason: "" }] }, { files: [], skipped: [{ path: "read 1", reason: "" }] }]);
    expect(reads).toEqual({ config: 1, instructions: 1 });
  });

  it("gives no instruction files where the source cannot read them", () => {
    expect(readConfigOnce({ loadRepoConfig: async () => null }).loadInstructionFiles).toBeUndefined();
  });
});
