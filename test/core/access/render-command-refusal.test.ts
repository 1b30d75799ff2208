import { describe, expect, it } from "@jest/globals";
import { COMMAND_REFUSAL_MARKER, renderCommandRefusal, type CommandName } from "../../../src/core/access/render-command-refusal.js";

describe("renderCommandRefusal", () => {
  it.each([
    [undefined, "Patchwise runs `/review` only for people with write access to this repository. Ask a maintainer to comment `/review` if you would like a review."],
    ["ask", "Patchwise answers `/ask` only for people with write access to this repository. Ask a maintainer to comment `/ask` if you would like an answer."],
    ["describe", "Patchwise runs `/describe` only for people with write access to this repository. Ask a maintainer to comment `/describe` if you would like a description."],
    ["thread", "Patchwise answers replies in its review threads only for people with write access to this repository. A maintainer's reply in the thread gets an answer."],
  ] as Array<[CommandName, string]>)("names the command refused (%s), who may run it, and carries the one marker", (command, first) => {
    expect(renderCommandRefusal({ allowAuthor: false }, command)).toBe(
      [first, "Further commands on this pull request from people without that access are ignored without a reply.", COMMAND_REFUSAL_MARKER].join("\n\n"),
    );
  });

  it("names the author too where the repository allows it", () => {
    expect(renderCommandRefusal({ allowAuthor: true }, "ask")).toMatch(/^Patchwise answers `\/ask` only for people with write access to this repository and the author of this pull request\./);
  });
});
