import type { FileOutline } from "../types.js";
import type { BindImports, BindingEnv } from "./binding-env.js";
import { bindEcmaImports } from "./bind-ecma-imports.js";
import { bindGoImports } from "./bind-go-imports.js";
import { bindIncludeImports } from "./bind-include-imports.js";
import { bindJavaImports } from "./bind-java-imports.js";
import { bindNamespaceImports } from "./bind-namespace-imports.js";
import { bindPythonImports } from "./bind-python-imports.js";
import { bindRustImports } from "./bind-rust-imports.js";
import { createBindings, type FileBindings } from "./file-bindings.js";

const BY_LANGUAGE: Record<string, BindImports> = {
  typescript: bindEcmaImports,
  tsx: bindEcmaImports,
  javascript: bindEcmaImports,
  python: bindPythonImports,
  go: bindGoImports,
  java: bindJavaImports,
  csharp: bindNamespaceImports,
  php: bindNamespaceImports,
  rust: bindRustImports,
  ruby: bindIncludeImports,
  c: bindIncludeImports,
  cpp: bindIncludeImports,
};

/** Resolves a file's imports to repository files, by the rules of its language. */
export function buildFileBindings(path: string, outline: FileOutline, env: BindingEnv): FileBindings {
  return (BY_LANGUAGE[outline.language] ?? (() => createBindings()))(path, outline, env);
}
