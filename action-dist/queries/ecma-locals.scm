; Local names of JavaScript and TypeScript (read by src/syntax/read-locals.ts): each @local is
; the name where a variable, parameter, catch or loop binding is declared. Those at the top level
; of a file are dropped there (the outline has them as definitions and imports).

(variable_declarator name: (identifier) @local)
(arrow_function parameter: (identifier) @local)
(catch_clause parameter: (identifier) @local)
(for_in_statement left: (identifier) @local)
; Destructuring, in declarations and parameters alike, at any depth.
(shorthand_property_identifier_pattern) @local
(pair_pattern value: (identifier) @local)
(array_pattern (identifier) @local)
(rest_pattern (identifier) @local)
(assignment_pattern left: (identifier) @local)
