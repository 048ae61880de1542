import { EventDataRefused } from '../event-store.port';

/**
 * What in a JSON text (as `JSON.stringify` writes it) PostgreSQL's jsonb cannot hold: a NUL character
 * or a lone surrogate in a string. The log keeps events as JSON text, but the read models built from
 * them are jsonb, so such an event is refused at the door rather than stop a projection later.
 *
 * `JSON.stringify` writes exactly those characters (and the other control characters) as `\u` escapes
 * and every other character as itself, so a text without `\u`, nearly every one, is fine as it is.
 * Returns a description of the first such character, or null.
 */
export function unstorableCharacterIn(json: string): string | null {
  if (!json.includes('\\u')) return null;
  for (let index = json.indexOf('\\'); index !== -1; index = json.indexOf('\\', index)) {
    if (json[index + 1] !== 'u') {
      // A short escape (\" \\ \n ...): skip both characters, so an escaped backslash is never read as
      // the start of another escape.
      index += 2;
      continue;
    }
    const code = Number.parseInt(json.slice(index + 2, index + 6), 16);
    if (code === 0) return 'a NUL character (\\u0000)';
    if (code >= 0xd800 && code <= 0xdfff) return `a lone surrogate (\\u${code.toString(16)})`;
    index += 6;
  }
  return null;
}

/** The JSON text of an event's data or metadata, or EventDataRefused if the read models could not store it. */
export function storableJson(value: unknown, eventId: string, streamId: string): string {
  const json = JSON.stringify(value);
  const unstorable = unstorableCharacterIn(json);
  if (unstorable !== null) throw new EventDataRefused(eventId, streamId, unstorable);
  return json;
}
