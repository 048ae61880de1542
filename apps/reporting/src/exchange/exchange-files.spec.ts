import ExcelJS from 'exceljs';
import { csvField, renderBatch, renderCsv, renderXlsx } from './exchange-files';
import type { ExchangeRow } from './exchange-row';

const row: ExchangeRow = {
  householdId: 'H410423000101',
  regionCode: '410423203201',
  headIdNumber: '41042319680412011X',
  caseId: 'c0a8f7e2-0000-5000-8000-000000000001',
  category: 'sudden_hardship',
  score: 60,
  riskLevel: 'high',
  stage: 'assisting',
  openedAt: '2026-07-01T09:00:00.000+08:00',
  verifiedAt: '2026-07-04T09:00:00.000+08:00',
  firstAssistanceAt: '2026-07-12T09:00:00.000+08:00',
  closedAt: null,
  measures: 'medical;employment',
  assistanceCount: 2,
  assistanceAmountFen: 500_000,
  verificationDueAt: '2026-07-08T09:00:00.000+08:00',
  assistanceDueAt: '2026-07-31T09:00:00.000+08:00',
  verificationDeadline: 'met',
  assistanceDeadline: 'met',
};
const generatedAt = new Date('2026-07-06T02:00:00.000+08:00');

/** Writes a workbook while the process clock reads `at` (JSZip stamps zip entries with it). */
const atClockTime = async <T>(at: string, write: () => Promise<T>): Promise<T> => {
  jest.useFakeTimers({
    now: new Date(at),
    doNotFake: [
      'nextTick',
      'setImmediate',
      'setTimeout',
      'setInterval',
      'queueMicrotask',
      'clearTimeout',
      'clearInterval',
      'clearImmediate',
    ],
  });
  try {
    return await write();
  } finally {
    jest.useRealTimers();
  }
};

describe('exchange files', () => {
  it('writes the same XLSX bytes whenever it is written', async () => {
    const early = await atClockTime('2026-07-06T02:00:01Z', () => renderXlsx([row], generatedAt));
    const late = await atClockTime('2027-01-01T13:37:42Z', () => renderXlsx([row], generatedAt));
    expect(late.equals(early)).toBe(true);
  });

  it('needs the fixed timestamps: exceljs alone stamps the write time into the zip', async () => {
    const plain = async (): Promise<Buffer> => {
      const workbook = new ExcelJS.Workbook();
      workbook.created = generatedAt;
      workbook.modified = generatedAt;
      workbook.addWorksheet('households').addRow(['x']);
      return Buffer.from(await workbook.xlsx.writeBuffer());
    };
    const early = await atClockTime('2026-07-06T02:00:01Z', plain);
    const late = await atClockTime('2027-01-01T13:37:42Z', plain);
    expect(late.equals(early)).toBe(false);
  });

  it('quotes CSV fields that hold separators, quotes, line breaks or edge spaces', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
  });

  it('starts the CSV with a byte-order mark and ends lines with CRLF', () => {
    const csv = renderCsv([row]).toString('utf8');
    expect(csv.startsWith('\uFEFFhousehold_id,region_code,')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
    expect(csv).toContain(',41042319680412011X,');
  });

  it('renders a batch as a pure function of its identity and rows', async () => {
    const identity = { batchId: 'b', sequence: 1, fromCheckpoint: '', toCheckpoint: '1:5', generatedAt };
    const once = await atClockTime('2026-07-06T02:00:01Z', () => renderBatch(identity, [row]));
    const twice = await atClockTime('2026-08-01T00:00:00Z', () => renderBatch(identity, [row]));
    expect(twice.files.map((file) => file.content.toString('base64'))).toEqual(
      once.files.map((file) => file.content.toString('base64')),
    );
    expect(once.manifest.generatedAt).toBe('2026-07-05T18:00:00.000Z');
    expect(once.manifest.files.map((file) => file.name)).toEqual([
      'households.jsonl',
      'households.csv',
      'households.xlsx',
    ]);
  });
});
