; JavaScript parameters (TypeScript wraps them in required_parameter and optional_parameter).

(formal_parameters (identifier) @local)
