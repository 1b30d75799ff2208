import type { ChatRequest } from "../../test/helpers/fake-model.js";

// The fake model's answer to one review request, read off the prompt the way a model would: a
// walkthrough line for every file it was shown and a few findings on added lines, so the App
// anchors inline comments and lists the rest in the summary.

const FINDINGS_PER_REQUEST = 3;
const SEVERITIES = ["major", "minor", "nit"] as const;
const FILE_HEADER = /^File: (\S+) \(/;
const ADDED_LINE = /^R\s*(\d+) \+ /;

/** A valid review answer for the files named in the request's user message. */
export function answerReview(request: ChatRequest): unknown {
  const user = request.messages.find((message) => message.role === "user")?.content ?? "";
  const files: Array<{ path: string; firstAdded: number | null }> = [];
  for (const line of user.split("\n")) {
    const header = FILE_HEADER.exec(line);
    if (header) files.push({ path: header[1] as string, firstAdded: null });
    const added = ADDED_LINE.exec(line);
    const current = files.at(-1);
    if (added && current && current.firstAdded === null) current.firstAdded = Number(added[1]);
  }
  const findings = files
    .filter((file) => file.firstAdded !== null)
    .slice(0, FINDINGS_PER_REQUEST)
    .map((file, index) => ({
      path: file.path,
      line: file.firstAdded as number,
      startLine: null,
      side: "RIGHT",
      severity: SEVERITIES[index % SEVERITIES.length],
      category: "bug",
      title: "Limit is not validated",
      body: "A negative limit reaches the query unchecked; reject it before querying.",
      suggestion: null,
    }));
  return {
    summary: `Tightens how ${files.length} loaders read their limit and log.`,
    walkthrough: files.slice(0, 300).map((file) => ({ path: file.path, change: "validates the limit and logs at debug level" })),
    findings,
  };
}
