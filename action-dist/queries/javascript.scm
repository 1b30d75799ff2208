; JavaScript only.

(field_definition property: (_) @name) @definition.property
