/**
 * JSON text with object keys sorted at every level. Two values get the same text when JSON (and
 * PostgreSQL's jsonb) consider them equal: key order and `undefined` members do not matter, `toJSON`
 * (dates) applies. Used to decide whether a re-appended event id carries the same content.
 */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('value is not representable as JSON');
  return JSON.stringify(sortKeys(JSON.parse(text)));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}
