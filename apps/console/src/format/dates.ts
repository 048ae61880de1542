/**
 * Every date the console shows is Beijing time (Asia/Shanghai), whatever the browser's zone, and every
 * date it sends carries the +08:00 offset, as the API wants.
 */
export const TIME_ZONE = 'Asia/Shanghai';
const OFFSET = '+08:00';
const DAY_MS = 86_400_000;

const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function fields(instant: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const out = { year: '', month: '', day: '', hour: '', minute: '' };
  for (const part of parts.formatToParts(instant)) {
    if (part.type in out) out[part.type as keyof typeof out] = part.value;
  }
  return out;
}

const toDate = (value: string | number | Date): Date | null => {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** `2026-03-01` (Beijing calendar day); `—` for a missing or unreadable value. */
export function formatDate(value: string | number | Date | null | undefined): string {
  const date = value === null || value === undefined ? null : toDate(value);
  if (!date) return '—';
  const f = fields(date);
  return `${f.year}-${f.month}-${f.day}`;
}

/** `2026-03-01 09:00` in Beijing time. */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  const date = value === null || value === undefined ? null : toDate(value);
  if (!date) return '—';
  const f = fields(date);
  return `${f.year}-${f.month}-${f.day} ${f.hour}:${f.minute}`;
}

/** Days since 1970-01-01 of the instant's Beijing calendar day: differences count calendar days. */
export function beijingDayNumber(instant: Date | number): number {
  const [year, month, day] = formatDate(instant).split('-').map(Number);
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d)?$/;

/** Whether `YYYY-MM-DD` names a real calendar day. */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const isTimeOfDay = (value: string): boolean => TIME.test(value);

/** The Beijing day and time (`2026-03-01`, `09:30` or `09:30:15`) as ISO 8601 with its offset. */
export function beijingDateTime(date: string, time = '00:00'): string {
  if (!isCalendarDate(date) || !TIME.test(time)) throw new RangeError(`not a date and time: ${date} ${time}`);
  return `${date}T${time.length === 5 ? `${time}:00` : time}${OFFSET}`;
}

/** The Beijing time of day with seconds (`09:30:15`): what a form offers as "now". */
export function beijingTimeOfDay(instant: Date): string {
  const seconds = String(Math.floor(instant.getTime() / 1000) % 60).padStart(2, '0');
  return `${formatDateTime(instant).slice(11)}:${seconds}`;
}

/** The last moment of a Beijing day: "as of 2026-03-01" includes everything on that day. */
export function endOfBeijingDay(date: string): string {
  if (!isCalendarDate(date)) throw new RangeError(`not a date: ${date}`);
  return `${date}T23:59:59.999${OFFSET}`;
}

/** The Beijing day after `date` (for "opened up to and including" filters, sent as "before the next day"). */
export function nextBeijingDay(date: string): string {
  if (!isCalendarDate(date)) throw new RangeError(`not a date: ${date}`);
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
