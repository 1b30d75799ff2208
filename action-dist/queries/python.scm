; Python. Capture names: see src/syntax/read-outline.ts.

; ---- definitions (methods first: the first matching pattern names the kind)
(class_definition body: (block (function_definition name: (identifier) @name) @definition.method))
(class_definition body: (block (decorated_definition definition: (function_definition name: (identifier) @name) @definition.method)))
(function_definition name: (identifier) @name) @definition.function
(class_definition name: (identifier) @name) @definition.class
(module (expression_statement (assignment left: (identifier) @name)) @definition.constant)
(class_definition body: (block (expression_statement (assignment left: (identifier) @name)) @definition.property))
; `self.x = ...` (in a method, at any depth): the instance's attributes, found by `self.x` in the class and its subclasses.
(expression_statement (assignment left: (attribute object: (identifier) @_self (#eq? @_self "self") attribute: (identifier) @name)) @definition.property)
(module (type_alias_statement left: (type (identifier) @name)) @definition.type)

; ---- references
(call function: (identifier) @reference.call)
(call function: (attribute object: (_) @reference.qualifier attribute: (identifier) @reference.call))
(attribute object: (_) @reference.qualifier attribute: (identifier) @reference.member)
(type (identifier) @reference.type)
(identifier) @reference.identifier

; ---- imports
(import_statement name: (dotted_name) @import.source) @import
(import_statement name: (aliased_import name: (dotted_name) @import.source alias: (identifier) @import.alias)) @import
(import_from_statement module_name: (_) @import.source name: (dotted_name) @import.name) @import
(import_from_statement module_name: (_) @import.source name: (aliased_import name: (dotted_name) @import.name alias: (identifier) @import.alias)) @import
(import_from_statement module_name: (_) @import.source (wildcard_import) @import.wildcard) @import
