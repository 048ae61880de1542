import { opensQuotedField, splitCsvRecord } from './csv-fields';

describe('CSV fields (RFC 4180)', () => {
  it('splits plain fields, keeping empty ones', () => {
    expect(splitCsvRecord('a,,c,')).toEqual({ ok: true, fields: ['a', '', 'c', ''] });
    expect(splitCsvRecord('')).toEqual({ ok: true, fields: [''] });
  });

  it('reads quoted fields with commas, line breaks and doubled quotes', () => {
    expect(splitCsvRecord('"a,b","say ""hi""","two\nlines",x')).toEqual({
      ok: true,
      fields: ['a,b', 'say "hi"', 'two\nlines', 'x'],
    });
    expect(splitCsvRecord('"",""""')).toEqual({ ok: true, fields: ['', '"'] });
  });

  it('refuses text after a closing quote, and an unclosed quote', () => {
    expect(splitCsvRecord('x,"bad"q,3')).toEqual({
      ok: false,
      reason: 'field 2: text after the closing quote',
    });
    expect(splitCsvRecord('x,"open')).toEqual({ ok: false, reason: 'field 2: a quoted field is not closed' });
  });

  it('tells whether a line leaves a quoted field open', () => {
    expect(opensQuotedField('a,"b', false)).toBe(true);
    expect(opensQuotedField('c",d', true)).toBe(false);
    expect(opensQuotedField('a,"say ""hi""",b', false)).toBe(false);
    expect(opensQuotedField('no quotes', true)).toBe(true);
  });
});
