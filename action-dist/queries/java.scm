; Java. Capture names: see src/syntax/read-outline.ts.

(package_declaration [(identifier) (scoped_identifier)] @package)

; ---- definitions
(class_declaration name: (identifier) @name) @definition.class
(record_declaration name: (identifier) @name) @definition.class
(interface_declaration name: (identifier) @name) @definition.interface
(annotation_type_declaration name: (identifier) @name) @definition.interface
(enum_declaration name: (identifier) @name) @definition.enum
(method_declaration name: (identifier) @name body: (block)) @definition.method
(method_declaration name: (identifier) @name) @definition.declaration
(constructor_declaration name: (identifier) @name) @definition.method
(field_declaration declarator: (variable_declarator name: (identifier) @name)) @definition.property
(constant_declaration declarator: (variable_declarator name: (identifier) @name)) @definition.constant
(enum_constant name: (identifier) @name) @definition.constant

; ---- references
(method_invocation object: (_) @reference.qualifier name: (identifier) @reference.call)
(method_invocation name: (identifier) @reference.call)
(object_creation_expression type: (type_identifier) @reference.call)
(field_access object: (_) @reference.qualifier field: (identifier) @reference.member)
(type_identifier) @reference.type
(identifier) @reference.identifier

; ---- imports
(import_declaration [(identifier) (scoped_identifier)] @import.source (asterisk) @import.wildcard) @import
(import_declaration [(identifier) (scoped_identifier)] @import.source) @import
