; C and C++ (C files are parsed with the C++ grammar, a superset of C's). Capture names: see src/syntax/read-outline.ts.

; ---- definitions
(function_definition declarator: (function_declarator declarator: (qualified_identifier name: (_) @name))) @definition.method
(function_definition declarator: (function_declarator declarator: [(identifier) (field_identifier) (operator_name) (destructor_name)] @name)) @definition.function
(function_definition declarator: (pointer_declarator declarator: (function_declarator declarator: [(identifier) (field_identifier)] @name))) @definition.function
(function_definition declarator: (reference_declarator (function_declarator declarator: [(identifier) (field_identifier)] @name))) @definition.function
(function_definition declarator: (pointer_declarator declarator: (function_declarator declarator: (qualified_identifier name: (_) @name)))) @definition.method
(declaration declarator: (function_declarator declarator: (identifier) @name)) @definition.declaration
(declaration declarator: (pointer_declarator declarator: (function_declarator declarator: (identifier) @name))) @definition.declaration
(field_declaration declarator: (function_declarator declarator: (field_identifier) @name)) @definition.declaration
(class_specifier name: (type_identifier) @name body: (_)) @definition.class
(struct_specifier name: (type_identifier) @name body: (_)) @definition.class
(union_specifier name: (type_identifier) @name body: (_)) @definition.class
(enum_specifier name: (type_identifier) @name body: (_)) @definition.enum
(type_definition declarator: (type_identifier) @name) @definition.type
(alias_declaration name: (type_identifier) @name) @definition.type
(preproc_def name: (identifier) @name) @definition.constant
(preproc_function_def name: (identifier) @name) @definition.function
(translation_unit (declaration declarator: (init_declarator declarator: (identifier) @name)) @definition.constant)
(namespace_definition body: (declaration_list (declaration declarator: (init_declarator declarator: (identifier) @name)) @definition.constant))
(field_declaration declarator: (field_identifier) @name) @definition.property
(enumerator name: (identifier) @name) @definition.constant

; ---- references
(call_expression function: (identifier) @reference.call)
(call_expression function: (field_expression argument: (_) @reference.qualifier field: (field_identifier) @reference.call))
(call_expression function: (qualified_identifier scope: (_) @reference.qualifier name: (identifier) @reference.call))
(call_expression function: (template_function name: (identifier) @reference.call))
(field_expression argument: (_) @reference.qualifier field: (field_identifier) @reference.member)
(qualified_identifier scope: (_) @reference.qualifier name: [(identifier) (type_identifier)] @reference.member)
(type_identifier) @reference.type
(identifier) @reference.identifier

; ---- imports
(preproc_include path: (string_literal (string_content) @import.source)) @import
