// Form fields as the JSON rules, the description and the inspector's tree read: pure, the renderer uses it too.

/** Name/value pairs, in the order sent. */
export type Fields = [string, string][];

/**
 * The fields as one JSON object, for the tree, rules' JSON paths and the description: a name sent once is a
 * string, a repeated name an array of its values in order. Own properties only, so a field named "__proto__"
 * is just a field.
 */
export function fieldsJson(fields: Fields): Record<string, string | string[]> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of fields) {
    const values = grouped.get(name);
    if (values) values.push(value);
    else grouped.set(name, [value]);
  }
  return Object.fromEntries([...grouped].map(([name, values]) => [name, values.length === 1 ? (values[0] as string) : values]));
}
