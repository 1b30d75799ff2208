import { baseOf, stemOf } from "./build-path-index.js";

const TEST_FOLDER = /(?:^|\/)(?:test|tests|__tests__|spec|specs|testing)\//;
const TEST_NAME = /(?:\.(?:test|spec)\.[^.]+$)|(?:_test\.[^.]+$)|(?:^test_[^/]*\.py$)|(?:_spec\.rb$)|(?:(?:Test|Tests|Spec|IT)\.(?:java|kt|cs|php|scala)$)/;

/** Whether a path is a test by the common conventions of the supported languages. */
export function isTestPath(path: string): boolean {
  return TEST_FOLDER.test(path) || TEST_NAME.test(baseOf(path));
}

/** The module a test file is named after (`parse-patch` for `parse-patch.test.ts`, `store` for `StoreTest.java`). */
export function testedStem(testPath: string): string {
  return stemOf(testPath)
    .replace(/\.(?:test|spec)$/, "")
    .replace(/(?:_test|_spec)$/, "")
    .replace(/^test_/, "")
    .replace(/(?:Tests?|Spec|IT)$/, "")
    .toLowerCase();
}
