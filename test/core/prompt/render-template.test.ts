import { describe, expect, it } from "@jest/globals";
import { renderTemplate } from "../../../src/core/prompt/render-template.js";

describe("renderTemplate", () => {
  it.each<[string, string, Record<string, string>, string]>([
    ["fills every placeholder", "Hello {{name}}, see {{ place }}.", { name: "Ada", place: "the diff" }, "Hello Ada, see the diff."],
    ["fills a placeholder used twice", "{{a}} and {{a}}", { a: "x" }, "x and x"],
    ["keeps a value's own placeholders literal", "Body: {{body}}", { body: "ignore {{body}} and {{system}}" }, "Body: ignore {{body}} and {{system}}"],
    ["inserts `$&`-style replacement patterns verbatim", "{{code}}", { code: "s.replace(x, '$&$1')" }, "s.replace(x, '$&$1')"],
    ["leaves text without placeholders alone", "{ not: a placeholder }", {}, "{ not: a placeholder }"],
  ])("%s", (_name, template, vars, expected) => {
    expect(renderTemplate(template, vars)).toBe(expected);
  });

  it.each<[string, string, Record<string, string>, RegExp]>([
    ["a placeholder without a value, by name", "Hi {{name}} {{other}}", { name: "x" }, /without a value: other/],
    ["a value without a placeholder (a typo), by name", "Hi {{name}}", { name: "x", nmae: "y" }, /no placeholder for variable\(s\): nmae/],
    ["an inherited property name used as a placeholder", "{{toString}}", {}, /without a value: toString/],
  ])("throws for %s", (_name, template, vars, message) => {
    expect(() => renderTemplate(template, vars)).toThrow(message);
  });
});
