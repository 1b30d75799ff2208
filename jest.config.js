/**
 * Jest runs the TypeScript sources as native ESM through ts-jest in transpile-only mode
 * (`npm run typecheck` does the type-check once, instead of per test file).
 * ts-jest rather than @swc/jest: the swc and jest 30 native bindings are optional
 * per-platform packages that the lock file cannot list on every registry mirror,
 * which breaks `npm ci`; ts-jest has no native parts.
 */
export default {
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { useESM: true, tsconfig: "tsconfig.test.json", transpilation: true }],
  },
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  setupFiles: ["<rootDir>/test/helpers/setup-env.ts"],
  testTimeout: 20000,
};
