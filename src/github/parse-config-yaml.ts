import { parseDocument } from "yaml";
import { ConfigReadError } from "./config-read-error.js";

/** Parses the text of a config file; a syntax error becomes a ConfigReadError naming the file and line. */
export function parseConfigYaml(text: string, path: string): unknown {
  const doc = parseDocument(text);
  const [first] = doc.errors;
  if (first) {
    // `first.message` can quote the offending line, i.e. the file's content: keep only its code.
    const line = first.linePos?.[0]?.line ?? lineOf(text, first.pos[0]);
    throw new ConfigReadError({ path, line, problem: `not valid YAML (${first.code})` });
  }
  // An empty file is a config with nothing set, as Probot reads it.
  return doc.toJS() ?? {};
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}
