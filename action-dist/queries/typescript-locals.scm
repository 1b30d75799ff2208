; TypeScript and TSX parameters (the JavaScript grammar has no such nodes).

(required_parameter pattern: (identifier) @local)
(optional_parameter pattern: (identifier) @local)
