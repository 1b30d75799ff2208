import { describe, expect, it } from "@jest/globals";
import { describeErrorType } from "../../src/pipeline/describe-error-type.js";

class ParseFailure extends Error {}

describe("describeErrorType", () => {
  it.each([
    ["a TypeError", new TypeError("Cannot read properties of undefined (reading 'x')"), { errorType: "TypeError", errorClass: "TypeError" }],
    // A library's subclass that sets no name of its own is told apart by its class.
    ["a subclass without a name of its own", new ParseFailure("const apiKey = 'sk-live'"), { errorType: "Error", errorClass: "ParseFailure" }],
    ["a thrown string", "const apiKey = 'sk-live'", { errorType: "string" }],
    ["a thrown object", { message: "const apiKey" }, { errorType: "object" }],
  ])("names %s by its type only, never its message", (_case, error, expected) => {
    expect(describeErrorType(error)).toEqual(expected);
  });
});
