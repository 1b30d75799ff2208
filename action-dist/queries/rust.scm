; Rust. Capture names: see src/syntax/read-outline.ts.

; ---- definitions
(impl_item body: (declaration_list (function_item name: (identifier) @name) @definition.method))
(trait_item body: (declaration_list (function_item name: (identifier) @name) @definition.method))
(function_item name: (identifier) @name) @definition.function
(function_signature_item name: (identifier) @name) @definition.declaration
(struct_item name: (type_identifier) @name) @definition.class
(union_item name: (type_identifier) @name) @definition.class
(enum_item name: (type_identifier) @name) @definition.enum
(trait_item name: (type_identifier) @name) @definition.interface
(impl_item type: [(type_identifier) (generic_type type: (type_identifier))] @name) @definition.class
(type_item name: (type_identifier) @name) @definition.type
(const_item name: (identifier) @name) @definition.constant
(static_item name: (identifier) @name) @definition.constant
(mod_item name: (identifier) @name body: (_)) @definition.module
(macro_definition name: (identifier) @name) @definition.function
(field_declaration name: (field_identifier) @name) @definition.property
(enum_variant name: (identifier) @name) @definition.constant

; ---- references
(call_expression function: (identifier) @reference.call)
(call_expression function: (scoped_identifier path: (_) @reference.qualifier name: (identifier) @reference.call))
(call_expression function: (field_expression value: (_) @reference.qualifier field: (field_identifier) @reference.call))
(call_expression function: (generic_function function: (identifier) @reference.call))
(macro_invocation macro: (identifier) @reference.call)
(struct_expression name: (type_identifier) @reference.call)
(field_expression value: (_) @reference.qualifier field: (field_identifier) @reference.member)
(scoped_identifier path: (_) @reference.qualifier name: (identifier) @reference.member)
(scoped_type_identifier path: (_) @reference.qualifier name: (type_identifier) @reference.type)
(type_identifier) @reference.type
(identifier) @reference.identifier

; ---- imports (`mod name;` declares a child module file)
(use_declaration argument: [(scoped_identifier) (identifier)] @import.source) @import
(use_declaration argument: (use_as_clause path: (_) @import.source alias: (identifier) @import.alias)) @import
(use_declaration argument: (scoped_use_list path: (_) @import.source list: (use_list (identifier) @import.name))) @import
(use_declaration argument: (scoped_use_list path: (_) @import.source list: (use_list (use_as_clause path: (identifier) @import.name alias: (identifier) @import.alias)))) @import
(use_declaration argument: (use_wildcard (_) @import.source) @import.wildcard) @import
(mod_item name: (identifier) @import.source @import.mod !body) @import
