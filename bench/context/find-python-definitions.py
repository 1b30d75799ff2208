"""Ground truth for Python: jedi's go-to-definition for every name on the added lines.

Bench tooling, run by find-foreign-definitions.ts with Debian's python3-jedi:
    /usr/bin/python3 find-python-definitions.py ROOT < {"files": [{"path": "a/b.py", "added": [3, 4]}]}
prints a JSON list of {name, path, line, kind, usedIn, usedLine} whose path is a file under ROOT (the
commit's files, written to a temporary folder); definitions outside it (the standard library,
installed packages) are left out, as TypeScript's ground truth leaves out node_modules.
"""

import io
import json
import keyword
import os
import sys
import tokenize

import jedi


def kind_of(definition):
    """A TypeScript-like kind, so the bench groups Python definitions the way it groups TypeScript ones."""
    if definition.type == "param":
        return "parameter"
    parent = definition.parent()
    if definition.type in ("function", "property"):
        return "method" if parent is not None and parent.type == "class" else "function"
    if definition.type == "statement":
        # `self.x = ...` in a method: jedi names the method as its parent, but it is the instance's attribute.
        code = definition.get_line_code()
        if definition.column >= 5 and code[definition.column - 5 : definition.column] == "self.":
            return "property"
        if parent is not None and parent.type == "function":
            return "local var"
        if parent is not None and parent.type == "class":
            return "property"
        return "const"
    return definition.type


def names_on(source, lines):
    """(line, column, name) of every identifier token on the given lines."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return []
    return [
        (token.start[0], token.start[1], token.string)
        for token in tokens
        if token.type == tokenize.NAME and token.start[0] in lines and not keyword.iskeyword(token.string)
    ]


def main():
    root = os.path.realpath(sys.argv[1])
    request = json.load(sys.stdin)
    project = jedi.Project(root, added_sys_path=[root, os.path.join(root, "src")], smart_sys_path=True)
    found = []
    for entry in request["files"]:
        path = os.path.join(root, entry["path"])
        with open(path, encoding="utf-8", errors="replace") as handle:
            source = handle.read()
        script = jedi.Script(source, path=path, project=project)
        for line, column, name in names_on(source, set(entry["added"])):
            try:
                definitions = script.goto(line, column, follow_imports=True)
            except Exception:  # jedi gives up on some code; that name is then not counted
                continue
            for definition in definitions:
                module = definition.module_path
                if module is None or definition.line is None or definition.type == "module":
                    continue
                module = os.path.realpath(str(module))
                if not module.startswith(root + os.sep):
                    continue
                relative = os.path.relpath(module, root)
                if relative == entry["path"] and definition.line == line and definition.column == column:
                    continue
                found.append({"name": name, "path": relative, "line": definition.line, "kind": kind_of(definition), "usedIn": entry["path"], "usedLine": line})
    json.dump(found, sys.stdout)


main()
