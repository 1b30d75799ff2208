const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Fills `{{name}}` placeholders in one pass. A placeholder without a value and a value without a
 * placeholder both throw: either one means the template and its caller have drifted apart.
 */
export function renderTemplate(template: string, vars: Record<string, string>): string {
  const used = new Set<string>();
  const missing = new Set<string>();
  // One replace call over the template only: values are never scanned again, so a PR body that
  // contains `{{instructions}}` stays literal text.
  const rendered = template.replace(PLACEHOLDER, (_match, name: string) => {
    if (!Object.hasOwn(vars, name)) {
      missing.add(name);
      return "";
    }
    used.add(name);
    return vars[name] as string;
  });
  if (missing.size > 0) throw new Error(`template variable(s) without a value: ${[...missing].join(", ")}`);
  const unused = Object.keys(vars).filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`template has no placeholder for variable(s): ${unused.join(", ")}`);
  return rendered;
}
