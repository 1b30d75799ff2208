; C#. Capture names: see src/syntax/read-outline.ts.

(namespace_declaration name: (_) @package)
(file_scoped_namespace_declaration name: (_) @package)

; ---- definitions
(class_declaration name: (identifier) @name) @definition.class
(struct_declaration name: (identifier) @name) @definition.class
(record_declaration name: (identifier) @name) @definition.class
(interface_declaration name: (identifier) @name) @definition.interface
(enum_declaration name: (identifier) @name) @definition.enum
(delegate_declaration name: (identifier) @name) @definition.type
(method_declaration name: (identifier) @name body: (_)) @definition.method
(method_declaration name: (identifier) @name) @definition.declaration
(constructor_declaration name: (identifier) @name) @definition.method
(property_declaration name: (identifier) @name) @definition.property
(field_declaration (variable_declaration (variable_declarator name: (identifier) @name))) @definition.property
(enum_member_declaration name: (identifier) @name) @definition.constant

; ---- references
(invocation_expression function: (identifier) @reference.call)
(invocation_expression function: (member_access_expression expression: (_) @reference.qualifier name: (identifier) @reference.call))
(invocation_expression function: (member_access_expression name: (identifier) @reference.call))
(invocation_expression function: (generic_name (identifier) @reference.call))
(object_creation_expression type: (identifier) @reference.call)
(object_creation_expression type: (generic_name (identifier) @reference.call))
(member_access_expression expression: (_) @reference.qualifier name: (identifier) @reference.member)
(parameter type: (identifier) @reference.type)
(method_declaration returns: (identifier) @reference.type)
(variable_declaration type: (identifier) @reference.type)
(property_declaration type: (identifier) @reference.type)
(base_list (identifier) @reference.type)
(type_argument_list (identifier) @reference.type)
(generic_name (identifier) @reference.type)
(identifier) @reference.identifier

; ---- imports
(using_directive !name [(identifier) (qualified_name)] @import.source) @import
(using_directive name: (identifier) @import.alias [(identifier) (qualified_name)] @import.source) @import
