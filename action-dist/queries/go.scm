; Go. Capture names: see src/syntax/read-outline.ts.

(package_clause (package_identifier) @package)

; ---- definitions
(function_declaration name: (identifier) @name) @definition.function
(method_declaration name: (field_identifier) @name) @definition.method
(type_spec name: (type_identifier) @name type: (struct_type)) @definition.class
(type_spec name: (type_identifier) @name type: (interface_type)) @definition.interface
(type_spec name: (type_identifier) @name) @definition.type
(type_alias name: (type_identifier) @name) @definition.type
(source_file (const_declaration (const_spec name: (identifier) @name) @definition.constant))
(source_file (var_declaration (var_spec name: (identifier) @name) @definition.constant))
(source_file (var_declaration (var_spec_list (var_spec name: (identifier) @name) @definition.constant)))
(field_declaration name: (field_identifier) @name) @definition.property
(method_elem name: (field_identifier) @name) @definition.declaration

; ---- references
(call_expression function: (identifier) @reference.call)
(call_expression function: (selector_expression operand: (_) @reference.qualifier field: (field_identifier) @reference.call))
(selector_expression operand: (_) @reference.qualifier field: (field_identifier) @reference.member)
(qualified_type package: (package_identifier) @reference.qualifier name: (type_identifier) @reference.type)
(composite_literal type: (type_identifier) @reference.call)
(type_identifier) @reference.type
(identifier) @reference.identifier

; ---- imports
(import_spec path: (interpreted_string_literal (interpreted_string_literal_content) @import.source)) @import
(import_spec name: (package_identifier) @import.alias path: (interpreted_string_literal (interpreted_string_literal_content) @import.source)) @import
