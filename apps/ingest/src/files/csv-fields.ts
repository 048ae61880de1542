/**
 * CSV as RFC 4180 writes it: fields separated by commas, a field in double quotes may hold commas,
 * line breaks and doubled quotes (`""`). Records are framed line by line (a record goes on while a
 * quoted field is open), so a broken row costs that row only, not the rest of the file.
 */

/** A line leaves a quoted field open when it holds an odd number of quotes (doubled quotes count two). */
export const opensQuotedField = (text: string, alreadyOpen: boolean): boolean => {
  let open = alreadyOpen;
  for (let index = text.indexOf('"'); index !== -1; index = text.indexOf('"', index + 1)) open = !open;
  return open;
};

export type CsvSplit = { ok: true; fields: string[] } | { ok: false; reason: string };

/** Splits one record's text into its fields. */
export function splitCsvRecord(text: string): CsvSplit {
  const fields: string[] = [];
  let index = 0;
  for (;;) {
    if (text[index] === '"') {
      let value = '';
      let from = index + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1)
          return { ok: false, reason: `field ${fields.length + 1}: a quoted field is not closed` };
        value += text.slice(from, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          from = quote + 2;
          continue;
        }
        index = quote + 1;
        break;
      }
      if (index < text.length && text[index] !== ',') {
        return { ok: false, reason: `field ${fields.length + 1}: text after the closing quote` };
      }
      fields.push(value);
    } else {
      const comma = text.indexOf(',', index);
      const end = comma === -1 ? text.length : comma;
      fields.push(text.slice(index, end));
      index = end;
    }
    if (index >= text.length) return { ok: true, fields };
    index += 1; // the comma
    if (index === text.length) {
      fields.push('');
      return { ok: true, fields };
    }
  }
}
