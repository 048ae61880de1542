/**
 * exceljs zips the workbook with JSZip, which stamps every entry with the time it was added, so two
 * writes of the same workbook differ in those bytes. This sets every entry's DOS time and date (in the
 * central directory and in each local header) to one given instant; the compressed data and CRCs do
 * not cover those fields, so the archive stays valid. Walks the central directory, so it handles any
 * entry order and data descriptors.
 */

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const END_RECORD_SIZE = 22;
const MAX_COMMENT = 0xffff;

export class UnreadableZip extends Error {
  constructor(reason: string) {
    super(`not a readable zip archive: ${reason}`);
    this.name = 'UnreadableZip';
  }
}

/** DOS time and date of an instant, in UTC (as JSZip writes them); 2-second resolution. */
const dosStamp = (instant: Date): { time: number; date: number } => ({
  time:
    (instant.getUTCHours() << 11) | (instant.getUTCMinutes() << 5) | Math.floor(instant.getUTCSeconds() / 2),
  date: ((instant.getUTCFullYear() - 1980) << 9) | ((instant.getUTCMonth() + 1) << 5) | instant.getUTCDate(),
});

const findEndRecord = (zip: Buffer): number => {
  const lowest = Math.max(0, zip.length - END_RECORD_SIZE - MAX_COMMENT);
  for (let offset = zip.length - END_RECORD_SIZE; offset >= lowest; offset -= 1) {
    if (zip.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  throw new UnreadableZip('no end-of-central-directory record');
};

/** A copy of the archive with every entry stamped `instant`. */
export function withFixedZipTimestamps(zip: Buffer, instant: Date): Buffer {
  const out = Buffer.from(zip);
  const { time, date } = dosStamp(instant);
  const end = findEndRecord(out);
  const entries = out.readUInt16LE(end + 10);
  let offset = out.readUInt32LE(end + 16);
  for (let index = 0; index < entries; index += 1) {
    if (offset + 46 > out.length || out.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) {
      throw new UnreadableZip(`central directory entry ${index} missing`);
    }
    out.writeUInt16LE(time, offset + 12);
    out.writeUInt16LE(date, offset + 14);
    const local = out.readUInt32LE(offset + 42);
    if (local + 30 > out.length || out.readUInt32LE(local) !== LOCAL_FILE_HEADER) {
      throw new UnreadableZip(`local header of entry ${index} missing`);
    }
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(date, local + 12);
    const nameLength = out.readUInt16LE(offset + 28);
    const extraLength = out.readUInt16LE(offset + 30);
    const commentLength = out.readUInt16LE(offset + 32);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}
