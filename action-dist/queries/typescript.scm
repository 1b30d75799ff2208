; TypeScript and TSX only (type-level node types).

(interface_declaration name: (type_identifier) @name) @definition.interface
(type_alias_declaration name: (type_identifier) @name) @definition.type
(enum_declaration name: (identifier) @name) @definition.enum
(abstract_class_declaration name: (type_identifier) @name) @definition.class
(public_field_definition name: (_) @name) @definition.property
(property_signature name: (_) @name) @definition.property
(method_signature name: (_) @name) @definition.method
(abstract_method_signature name: (_) @name) @definition.method
(function_signature name: (identifier) @name) @definition.declaration
(internal_module name: (_) @name) @definition.module
(ambient_declaration (function_signature name: (identifier) @name)) @definition.declaration

(nested_type_identifier module: (_) @reference.qualifier name: (type_identifier) @reference.type)
(type_identifier) @reference.type
