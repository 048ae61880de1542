import { isSourceRecordType } from '@monitoring/domain';
import { RECORD_FIELD_KINDS, type FieldKind } from './record-field-kinds';

/**
 * CSV files carry the same records as JSON Lines, one per row, under a header row naming each
 * column's field:
 *
 *   type,sourceId,occurredAt,householdId,personId,visitType,...,inCounty,...,totalFen,...
 *   claim_settled,CLM-1,2025-03-01T10:00:00+08:00,H1,P1,inpatient,...,true,...,3500000,...
 *
 * - Nested members use paths: `members[0].personId`, `members[0].idNumber`, ..., `members[1].name`;
 *   `member.personId` for `member_added`. A whole nested value may also be one cell of JSON
 *   (a `members` column holding `[{"personId": ...}]`).
 * - Cells are read by the field's kind in the record schema: numbers (`3500000`), booleans (`true`,
 *   `false`, `1`, `0`, `yes`, `no`), text as written. A cell that does not read as its kind is passed
 *   on as text, and validation names the field.
 * - An empty cell leaves the field out (optional fields may be absent), so one file can hold records
 *   of several types, and households with fewer members than the widest one.
 */

type PathKey = string | number;

const PATH = /^[A-Za-z_$][\w$]*(?:\[\d{1,3}\]|\.[A-Za-z_$][\w$]*)*$/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const TRUE = new Set(['true', '1', 'yes']);
const FALSE = new Set(['false', '0', 'no']);

export interface CsvColumn {
  /** The header cell. */
  name: string;
  /** `members[0].idNumber` as `['members', 0, 'idNumber']`. */
  path: PathKey[];
  /** The path with indices dropped, as the field kinds are keyed: `members[].idNumber`. */
  pattern: string;
}

export type CsvHeader = { ok: true; columns: CsvColumn[] } | { ok: false; reason: string };

/** Reads the header row: every cell a field path, none repeated. */
export function parseCsvHeader(cells: readonly string[]): CsvHeader {
  const columns: CsvColumn[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of cells.entries()) {
    const name = raw.trim();
    if (!PATH.test(name)) {
      return {
        ok: false,
        reason: `column ${index + 1} (${JSON.stringify(name.slice(0, 60))}) is not a field path such as totalFen or members[0].idNumber`,
      };
    }
    const path: PathKey[] = [];
    for (const match of name.matchAll(/([A-Za-z_$][\w$]*)|\[(\d+)\]/g)) {
      path.push(match[1] !== undefined ? match[1] : Number(match[2]));
    }
    if (path.some((key) => typeof key === 'string' && FORBIDDEN_KEYS.has(key))) {
      return { ok: false, reason: `column ${index + 1} (${name}) is not a record field` };
    }
    const pattern = path
      .map((key) => (typeof key === 'number' ? '[]' : `.${key}`))
      .join('')
      .replace(/^\./, '');
    if (seen.has(name)) return { ok: false, reason: `column ${name} appears twice` };
    seen.add(name);
    columns.push({ name, path, pattern });
  }
  if (!seen.has('type')) return { ok: false, reason: 'the header has no type column' };
  return { ok: true, columns };
}

function readCell(cell: string, kind: FieldKind | undefined): unknown {
  switch (kind) {
    case 'number': {
      const text = cell.trim();
      return NUMBER.test(text) ? Number(text) : cell;
    }
    case 'boolean': {
      const text = cell.trim().toLowerCase();
      if (TRUE.has(text)) return true;
      if (FALSE.has(text)) return false;
      return cell;
    }
    case 'object':
    case 'array': {
      try {
        return JSON.parse(cell) as unknown;
      } catch {
        return cell;
      }
    }
    default:
      return cell;
  }
}

function setPath(target: Record<PathKey, unknown>, path: readonly PathKey[], value: unknown): void {
  let node: Record<PathKey, unknown> = target;
  for (let depth = 0; depth < path.length - 1; depth += 1) {
    const key = path[depth];
    let next = node[key];
    if (next === null || typeof next !== 'object') {
      next = typeof path[depth + 1] === 'number' ? [] : {};
      define(node, key, next);
    }
    node = next as Record<PathKey, unknown>;
  }
  define(node, path[path.length - 1], value);
}

/** Own, enumerable properties only: a column can never reach a prototype. */
function define(node: Record<PathKey, unknown>, key: PathKey, value: unknown): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Arrays filled by index lose their gaps (a household narrower than the widest in the file). */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compact);
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value))
      (value as Record<string, unknown>)[key] = compact((value as Record<string, unknown>)[key]);
  }
  return value;
}

export type CsvRecord = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

/** One data row as a source record (to be validated like any other). */
export function csvRowToRecord(columns: readonly CsvColumn[], cells: readonly string[]): CsvRecord {
  if (cells.length !== columns.length) {
    return { ok: false, reason: `the row has ${cells.length} cells and the header ${columns.length}` };
  }
  const typeCell = cells[columns.findIndex((column) => column.name === 'type')].trim();
  const kinds = isSourceRecordType(typeCell) ? RECORD_FIELD_KINDS.get(typeCell) : undefined;
  const record: Record<PathKey, unknown> = {};
  columns.forEach((column, index) => {
    const cell = cells[index];
    if (cell === '') return;
    setPath(record, column.path, readCell(cell, kinds?.get(column.pattern)));
  });
  return { ok: true, value: compact(record) as Record<string, unknown> };
}
