import { describe, expect, it } from "@jest/globals";
import { routeLabel } from "../../src/app/route-label.js";

describe("routeLabel", () => {
  it.each([
    ["/repos/{owner}/{repo}/pulls/{pull_number}", "/repos/{owner}/{repo}/pulls/{pull_number}"],
    ["https://api.github.com/repositories/123456/pulls/42/files?per_page=100&page=2", "/repositories/{n}/pulls/{n}/files"],
    ["http://ghe.local/api/v3/repos/acme/secret-project/issues/7/comments?page=3", "/repos/{owner}/{repo}/issues/{n}/comments"],
    ["https://api.github.com/repos/acme/shop/commits/0123456789abcdef0123456789abcdef01234567/check-runs", "/repos/{owner}/{repo}/commits/{sha}/check-runs"],
  ])("labels %s without names or numbers", (url, label) => {
    expect(routeLabel(url)).toBe(label);
  });
});
