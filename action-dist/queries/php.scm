; PHP. Capture names: see src/syntax/read-outline.ts.

(namespace_definition name: (namespace_name) @package)

; ---- definitions
(function_definition name: (name) @name) @definition.function
(class_declaration name: (name) @name) @definition.class
(trait_declaration name: (name) @name) @definition.class
(interface_declaration name: (name) @name) @definition.interface
(enum_declaration name: (name) @name) @definition.enum
(method_declaration name: (name) @name body: (_)) @definition.method
(method_declaration name: (name) @name) @definition.declaration
(property_declaration (property_element name: (variable_name (name) @name))) @definition.property
(const_declaration (const_element (name) @name)) @definition.constant

; ---- references
(function_call_expression function: (name) @reference.call)
(function_call_expression function: (qualified_name (name) @reference.call))
(member_call_expression object: (_) @reference.qualifier name: (name) @reference.call)
(nullsafe_member_call_expression object: (_) @reference.qualifier name: (name) @reference.call)
(scoped_call_expression scope: (_) @reference.qualifier name: (name) @reference.call)
(object_creation_expression (name) @reference.call)
(object_creation_expression (qualified_name (name) @reference.call))
(member_access_expression object: (_) @reference.qualifier name: (name) @reference.member)
(class_constant_access_expression (_) @reference.qualifier (name) @reference.member)
(named_type (name) @reference.type)
(named_type (qualified_name (name) @reference.type))
(base_clause (name) @reference.type)
(class_interface_clause (name) @reference.type)
(name) @reference.identifier

; ---- imports
(namespace_use_declaration (namespace_use_clause . [(qualified_name) (name)] @import.source alias: (name)? @import.alias)) @import
(namespace_use_declaration (namespace_name) @import.source body: (namespace_use_group (namespace_use_clause . (name) @import.name alias: (name)? @import.alias))) @import
([(require_expression) (require_once_expression) (include_expression) (include_once_expression)] (string (string_content) @import.source)) @import
([(require_expression) (require_once_expression) (include_expression) (include_once_expression)] (binary_expression left: (name) @import.relative right: (string (string_content) @import.source))) @import
