import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { EXCHANGE_COLUMNS, NUMERIC_COLUMNS, type ExchangeRow } from './exchange-row';
import { withFixedZipTimestamps } from './zip-timestamps';

/** The files of one batch, in manifest order; the manifest itself comes last. */
export const JSONL_FILE = 'households.jsonl';
export const CSV_FILE = 'households.csv';
export const XLSX_FILE = 'households.xlsx';
export const MANIFEST_FILE = 'manifest.json';
export const DATA_FILES = [JSONL_FILE, CSV_FILE, XLSX_FILE] as const;
export const BATCH_FILES: readonly string[] = [...DATA_FILES, MANIFEST_FILE];

export const XLSX_SHEET = 'households';
const UTF8_BOM = '\uFEFF';

export interface ExchangeFileInfo {
  name: string;
  size: number;
  sha256: string;
}

/** What a batch is: recorded once, reused unchanged by every regeneration. */
export interface BatchIdentity {
  batchId: string;
  sequence: number;
  fromCheckpoint: string;
  toCheckpoint: string;
  generatedAt: Date;
}

export interface Manifest {
  batchId: string;
  sequence: number;
  log: { fromCheckpoint: string; toCheckpoint: string };
  generatedAt: string;
  rowCount: number;
  files: (ExchangeFileInfo & { rowCount: number })[];
}

export interface RenderedBatch {
  /** Every file, the manifest last, by name. */
  files: { name: string; content: Buffer }[];
  manifest: Manifest;
}

export const sha256 = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

const cellText = (value: string | number | null): string => (value === null ? '' : String(value));

export function renderJsonLines(rows: readonly ExchangeRow[]): Buffer {
  const lines = rows.map((row) =>
    JSON.stringify(Object.fromEntries(EXCHANGE_COLUMNS.map(({ key }) => [key, row[key]]))),
  );
  return Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8');
}

/** RFC 4180: quoted when the value holds a comma, quote, line break or edge space; quotes doubled. */
export const csvField = (value: string): string =>
  /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

/** UTF-8 with a byte-order mark (Excel then reads it as UTF-8), CRLF line ends, a header row. */
export function renderCsv(rows: readonly ExchangeRow[]): Buffer {
  const lines = [
    EXCHANGE_COLUMNS.map(({ header }) => csvField(header)).join(','),
    ...rows.map((row) => EXCHANGE_COLUMNS.map(({ key }) => csvField(cellText(row[key]))).join(',')),
  ];
  return Buffer.from(UTF8_BOM + lines.map((line) => `${line}\r\n`).join(''), 'utf8');
}

/**
 * One sheet, a header row, then a row per household. ID numbers and times are text cells (an
 * 18-digit number would lose digits in Excel; times keep their offsets); counts and fen are numbers.
 * The workbook's dates are the batch's generation time and the zip entries are stamped with it, so
 * the same rows always give the same bytes.
 */
export async function renderXlsx(rows: readonly ExchangeRow[], generatedAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'return-to-poverty monitoring';
  workbook.lastModifiedBy = 'return-to-poverty monitoring';
  workbook.created = generatedAt;
  workbook.modified = generatedAt;
  const sheet = workbook.addWorksheet(XLSX_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXCHANGE_COLUMNS.map(({ header }) => ({
    header,
    key: header,
    width: Math.max(12, header.length + 2),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      EXCHANGE_COLUMNS.map(({ key }) => {
        const value = row[key];
        return value === null ? null : NUMERIC_COLUMNS.has(key) ? Number(value) : String(value);
      }),
    );
  }
  const written = Buffer.from(await workbook.xlsx.writeBuffer());
  return withFixedZipTimestamps(written, generatedAt);
}

/** Renders every file of a batch and its manifest; a pure function of the rows and the identity. */
export async function renderBatch(
  identity: BatchIdentity,
  rows: readonly ExchangeRow[],
): Promise<RenderedBatch> {
  const data: { name: string; content: Buffer }[] = [
    { name: JSONL_FILE, content: renderJsonLines(rows) },
    { name: CSV_FILE, content: renderCsv(rows) },
    { name: XLSX_FILE, content: await renderXlsx(rows, identity.generatedAt) },
  ];
  const manifest: Manifest = {
    batchId: identity.batchId,
    sequence: identity.sequence,
    log: { fromCheckpoint: identity.fromCheckpoint, toCheckpoint: identity.toCheckpoint },
    generatedAt: identity.generatedAt.toISOString(),
    rowCount: rows.length,
    files: data.map(({ name, content }) => ({
      name,
      size: content.length,
      sha256: sha256(content),
      rowCount: rows.length,
    })),
  };
  const manifestContent = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  return { files: [...data, { name: MANIFEST_FILE, content: manifestContent }], manifest };
}

export const fileInfoOf = ({ name, content }: { name: string; content: Buffer }): ExchangeFileInfo => ({
  name,
  size: content.length,
  sha256: sha256(content),
});
