; JavaScript and TypeScript (shared node types). Capture names: see src/syntax/read-outline.ts.

; ---- definitions
(function_declaration name: (identifier) @name) @definition.function
(generator_function_declaration name: (identifier) @name) @definition.function
(class_declaration name: (_) @name) @definition.class
(method_definition name: (_) @name) @definition.method
(pair key: (property_identifier) @name value: [(arrow_function) (function_expression)]) @definition.method
(variable_declarator name: (identifier) @name value: [(arrow_function) (function_expression) (generator_function)]) @definition.function
; CommonJS and assignment definitions: `exports.x = function`, `module.exports.x =` (module-level
; functions and constants), `obj.m = function`, `Foo.prototype.m = function` (methods).
(assignment_expression
  left: (member_expression object: (identifier) @_exports (#eq? @_exports "exports") property: (property_identifier) @name)
  right: [(arrow_function) (function_expression) (generator_function)]) @definition.function
(assignment_expression
  left: (member_expression object: (member_expression object: (identifier) @_module (#eq? @_module "module") property: (property_identifier) @_exports (#eq? @_exports "exports")) property: (property_identifier) @name)
  right: [(arrow_function) (function_expression) (generator_function)]) @definition.function
; `exports.x = x` only re-exports the `x` the file defines: that is the definition (an alias line is none).
(program (expression_statement (assignment_expression
  left: (member_expression object: [(identifier) @_exports (member_expression object: (identifier) @_module property: (property_identifier) @_exports)] property: (property_identifier) @name)
  right: (_) @_value
  (#eq? @_exports "exports") (#not-eq? @name @_value)) @definition.constant))
; `module.exports = function name() {}` is the module's function (a `require()` binding finds it
; by its local name, see the imports below), not a method named "exports".
(assignment_expression
  left: (member_expression object: (identifier) @_module (#eq? @_module "module") property: (property_identifier) @_exports (#eq? @_exports "exports"))
  right: [(function_expression name: (identifier) @name) (generator_function name: (identifier) @name)]) @definition.function
(assignment_expression
  left: (member_expression object: (identifier) @_module (#eq? @_module "module") property: (property_identifier) @_exports (#eq? @_exports "exports"))
  right: (class name: (_) @name)) @definition.class
(assignment_expression
  left: (member_expression object: (identifier) @_module (#eq? @_module "module") property: (property_identifier) @name (#eq? @name "exports"))
  right: [(arrow_function) (function_expression !name) (generator_function !name)]) @definition.function
(assignment_expression
  left: (member_expression object: (_) @_object property: (property_identifier) @name (#not-eq? @_object "module"))
  right: [(arrow_function) (function_expression) (generator_function)]) @definition.method
; A `require()` binding is an import, not the definition of its name.
; `export default <function, class, object, arrow>`: the module's default export, named "default",
; which a default import finds whatever local name it takes (kind "export": never the code around a change).
(export_statement "default" @name declaration: [(function_declaration) (generator_function_declaration) (class_declaration)]) @definition.export
(export_statement "default" @name value: [(object) (arrow_function) (function_expression) (class) (call_expression)]) @definition.export
(program (lexical_declaration (variable_declarator name: (identifier) @name value: (_)? @_value (#not-match? @_value "^require\\s*\\("))) @definition.constant)
(program (variable_declaration (variable_declarator name: (identifier) @name value: (_)? @_value (#not-match? @_value "^require\\s*\\("))) @definition.constant)
(program (export_statement declaration: (lexical_declaration (variable_declarator name: (identifier) @name)) @definition.constant))
(program (export_statement declaration: (variable_declaration (variable_declarator name: (identifier) @name)) @definition.constant))
(call_expression
  function: (identifier) @_test (#any-of? @_test "describe" "it" "test" "suite")
  arguments: (arguments . [(string (string_fragment) @name) (template_string) @name])) @definition.test
(call_expression
  function: (member_expression object: (identifier) @_test (#any-of? @_test "describe" "it" "test") property: (property_identifier) @_mod (#any-of? @_mod "only" "skip" "each" "concurrent"))
  arguments: (arguments . [(string (string_fragment) @name) (template_string) @name])) @definition.test

; ---- references
(call_expression function: (identifier) @reference.call)
(call_expression function: (member_expression object: (_) @reference.qualifier property: (property_identifier) @reference.call))
(new_expression constructor: (identifier) @reference.call)
(new_expression constructor: (member_expression object: (_) @reference.qualifier property: (property_identifier) @reference.call))
(member_expression object: (_) @reference.qualifier property: (property_identifier) @reference.member)
(call_expression function: (member_expression object: (_) @reference.qualifier property: (private_property_identifier) @reference.call))
(member_expression object: (_) @reference.qualifier property: (private_property_identifier) @reference.member)
; `{ fetch }` uses the variable `fetch` and is the key `fetch` of the object's type: both.
(shorthand_property_identifier) @reference.shorthand
; Keys of object literals and destructuring patterns name members of the object's type.
(pair key: (property_identifier) @reference.member)
(pair_pattern key: (property_identifier) @reference.member)
(object_pattern (shorthand_property_identifier_pattern) @reference.member)
(identifier) @reference.identifier

; ---- imports and re-exports
; A name listed before its source is a match of its own, joined to its statement's source: a
; match waiting for the source would stay open across the rest of the list, and a barrel file's
; `export { ...hundreds of names } from` took seconds to match.
(import_statement (import_clause (named_imports (import_specifier name: (_) @import.name alias: (_)? @import.alias)))) @import
(import_statement (import_clause (namespace_import (identifier) @import.alias)) source: (string (string_fragment) @import.source)) @import
(import_statement (import_clause (identifier) @import.default) source: (string (string_fragment) @import.source)) @import
(import_statement source: (string (string_fragment) @import.source)) @import
(export_statement (export_clause (export_specifier name: (_) @import.name alias: (_)? @import.alias))) @import
(export_statement (export_clause) @import.names source: (string (string_fragment) @import.source)) @import
(export_statement "*" @import.wildcard source: (string (string_fragment) @import.source)) @import
; `export * as ns from`: a namespace the re-exporting module names, not a wildcard.
(export_statement (namespace_export (_) @import.alias) source: (string (string_fragment) @import.source)) @import
(call_expression function: (import) arguments: (arguments . (string (string_fragment) @import.source))) @import
; `const x = require('./m')`: the module as a namespace (`x.f()`), and its default export found by
; the local name (`module.exports = function x() {}`, `module.exports = x`), as a default import is.
(variable_declarator
  name: (identifier) @import.alias @import.default
  value: (call_expression function: (identifier) @_require (#eq? @_require "require") arguments: (arguments . (string (string_fragment) @import.source)))) @import
(variable_declarator
  name: (identifier) @import.alias
  value: (member_expression
    object: (call_expression function: (identifier) @_require (#eq? @_require "require") arguments: (arguments . (string (string_fragment) @import.source)))
    property: (property_identifier) @import.name)) @import
(variable_declarator
  name: (object_pattern (shorthand_property_identifier_pattern) @import.name)
  value: (call_expression function: (identifier) @_require (#eq? @_require "require") arguments: (arguments . (string (string_fragment) @import.source)))) @import
