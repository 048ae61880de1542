import { parse as parseUuid, v5 as uuidv5 } from 'uuid';

/**
 * Deterministic ids (UUID v5) of a list of parts within a namespace: the same parts give the same id,
 * so a re-delivered record, a replay or a job that runs twice derives the id it derived before.
 *
 * The parts are hashed as a JSON array, so ('a:b', 'c') and ('a', 'b:c') never meet. The namespace is
 * parsed once and the name handed over as UTF-8 bytes: `uuidv5` would otherwise parse the one and
 * re-encode the other on every call, and ingest and the projector derive an id per record.
 */
export const nameBasedIds = (namespace: string): ((parts: readonly (string | number)[]) => string) => {
  const namespaceBytes = parseUuid(namespace);
  const utf8 = new TextEncoder();
  // A JSON text never holds a lone surrogate (it escapes one), so its UTF-8 bytes are exact.
  return (parts) => uuidv5(utf8.encode(JSON.stringify(parts)), namespaceBytes);
};
