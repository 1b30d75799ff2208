; JavaScript only.

(field_definition property: (property_identifier) @name) @definition.property
