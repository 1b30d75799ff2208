import { describe, expect, it } from "@jest/globals";
import { decideCommandAccess, type CommandAccessInput } from "../../../src/core/access/decide-command-access.js";
import { DEFAULT_REPO_CONFIG } from "../../../src/core/config/repo-config-schema.js";

const base: CommandAccessInput = { permission: null, isPullRequestAuthor: false, repositoryPrivate: false, settings: DEFAULT_REPO_CONFIG.commands };
const as = (permission: string, roleName: string | null = permission) => ({ permission, roleName });

describe("decideCommandAccess", () => {
  it.each([
    ["admin", as("admin")],
    ["maintain (reported as write)", as("write", "maintain")],
    ["write", as("write")],
    ["a custom role built on write", as("write", "release-manager")],
    ["write on a server that sends no role_name", as("write", null)],
  ])("allows %s", (_case, permission) => {
    expect(decideCommandAccess({ ...base, permission })).toEqual({ allowed: true, because: "write access" });
  });

  it.each([
    ["triage (reported as read)", as("read", "triage"), "the commenter has triage access"],
    ["read", as("read"), "the commenter has read access"],
    ["none", as("none"), "the commenter has no access"],
    ["an unknown user", null, "the commenter has no access"],
  ])("refuses %s and replies by default", (_case, permission, reason) => {
    expect(decideCommandAccess({ ...base, permission })).toEqual({ allowed: false, reason, reply: true });
  });

  it("allows the pull request's author only when the repository says so", () => {
    const author = { ...base, permission: as("read"), isPullRequestAuthor: true };
    expect(decideCommandAccess(author)).toEqual({ allowed: false, reason: "the commenter has read access (pull request author; commands.allowAuthor is off)", reply: true });
    expect(decideCommandAccess({ ...author, settings: { ...base.settings, allowAuthor: true } })).toEqual({ allowed: true, because: "pull request author" });
    expect(decideCommandAccess({ ...author, isPullRequestAuthor: false, settings: { ...base.settings, allowAuthor: true } })).toMatchObject({ allowed: false });
  });

  it.each<[CommandAccessInput["settings"]["replyToRefused"], boolean, boolean]>([
    ["always", false, true],
    ["always", true, true],
    ["private-only", false, false],
    ["private-only", true, true],
    ["never", true, false],
  ])("replyToRefused %s on a %s-private repository replies: %s", (replyToRefused, repositoryPrivate, reply) => {
    const decision = decideCommandAccess({ ...base, permission: as("read"), repositoryPrivate, settings: { allowAuthor: false, replyToRefused } });
    expect(decision).toMatchObject({ allowed: false, reply });
  });
});
