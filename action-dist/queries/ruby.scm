; Ruby. Capture names: see src/syntax/read-outline.ts.

; ---- definitions
(method name: (_) @name) @definition.method
(singleton_method name: (_) @name) @definition.method
(class name: [(constant) (scope_resolution name: (constant))] @name) @definition.class
(module name: [(constant) (scope_resolution name: (constant))] @name) @definition.module
(assignment left: (constant) @name) @definition.constant
(call
  method: (identifier) @_attr (#any-of? @_attr "attr_reader" "attr_accessor" "attr_writer")
  arguments: (argument_list (simple_symbol) @name)) @definition.property
(call
  method: (identifier) @_test (#any-of? @_test "describe" "context" "it" "specify" "test" "feature" "scenario")
  arguments: (argument_list . [(string (string_content) @name) (constant) @name (scope_resolution) @name])
  block: (_)) @definition.test

; ---- references
(call receiver: (_) @reference.qualifier method: (identifier) @reference.call)
(call method: (identifier) @reference.call)
(scope_resolution scope: (_) @reference.qualifier name: (constant) @reference.type)
(constant) @reference.type
(identifier) @reference.identifier

; ---- imports
(call
  method: (identifier) @import.relative (#eq? @import.relative "require_relative")
  arguments: (argument_list . (string (string_content) @import.source))) @import
(call
  method: (identifier) @_require (#any-of? @_require "require" "load" "autoload")
  arguments: (argument_list (string (string_content) @import.source))) @import
