import { hash } from 'node:crypto';
import { parse as parseUuid } from 'uuid';

/**
 * Deterministic ids (UUID v5) of a list of parts within a namespace: the same parts give the same id,
 * so a re-delivered record, a replay or a job that runs twice derives the id it derived before.
 *
 * The parts are hashed as a JSON array, so ('a:b', 'c') and ('a', 'b:c') never meet. Ingest and the
 * projector derive an id per record, so this is RFC 9562's recipe done directly: SHA-1 over the
 * namespace bytes and the name's UTF-8 bytes in one reused buffer, in one `crypto.hash` call (a `Hash`
 * object per id costs more than the hashing), then the version and variant set on the hex digest.
 */
export const nameBasedIds = (namespace: string): ((parts: readonly (string | number)[]) => string) => {
  const namespaceBytes = parseUuid(namespace);
  let buffer = Buffer.alloc(256);
  buffer.set(namespaceBytes);
  return (parts) => {
    const name = JSON.stringify(parts);
    // At most 3 UTF-8 bytes per UTF-16 unit (a surrogate pair is 4 bytes for 2 units); a JSON text
    // never holds a lone surrogate (it escapes one), so the bytes are exact.
    const room = NAMESPACE_BYTES + name.length * 3;
    if (buffer.length < room) {
      const larger = Buffer.alloc(room * 2);
      larger.set(namespaceBytes);
      buffer = larger;
    }
    const nameBytes = buffer.write(name, NAMESPACE_BYTES, 'utf8');
    return uuidOfSha1(hash('sha1', buffer.subarray(0, NAMESPACE_BYTES + nameBytes)));
  };
};

const NAMESPACE_BYTES = 16;
/** The variant's hex digit (`10xx`) for each digit of the digest in its place. */
const VARIANT_DIGIT = '89ab89ab89ab89ab';

/** `xxxxxxxx-xxxx-5xxx-Vxxx-xxxxxxxxxxxx` from the first 16 bytes of a SHA-1 hex digest. */
const uuidOfSha1 = (hex: string): string =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-` +
  `${VARIANT_DIGIT[parseInt(hex[16], 16)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
