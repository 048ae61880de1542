const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
] as const;

/**
 * Checks a standard 5-field cron expression (minute hour day-of-month month day-of-week) with lists,
 * ranges, steps and month/day names. Returns the reason it is invalid, or null when it is valid.
 */
export function cronExpressionProblem(expression: string): string | null {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== FIELDS.length) {
    return `must have 5 fields (minute hour day-of-month month day-of-week), found ${parts.length}`;
  }
  for (let i = 0; i < FIELDS.length; i++) {
    const problem = fieldProblem(parts[i], FIELDS[i]);
    if (problem) return `${FIELDS[i].name} field "${parts[i]}": ${problem}`;
  }
  return null;
}

interface Field {
  min: number;
  max: number;
  names?: readonly string[];
}

function fieldProblem(text: string, field: Field): string | null {
  for (const item of text.split(',')) {
    const match = /^(\*|\?|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/(\d+))?$/.exec(item);
    if (!match) return `"${item}" is not a value, range or step`;
    const [, base, step] = match;
    if (step !== undefined && Number(step) === 0) return 'a step must be at least 1';
    if (base === '*' || base === '?') continue;
    const bounds = base.split('-').map((value) => valueOf(value, field));
    if (bounds.some((value) => value === null)) {
      return `values must lie in ${field.min}-${field.max}${field.names ? ` or be ${field.names.join('|')}` : ''}`;
    }
    if (bounds.length === 2 && (bounds[0] as number) > (bounds[1] as number))
      return `range "${base}" runs backwards`;
  }
  return null;
}

function valueOf(text: string, field: Field): number | null {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return field.min + named;
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= field.min && value <= field.max ? value : null;
}
