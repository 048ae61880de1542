import { MEASURE_TYPES, type MeasureType, type Role, type Stage } from '../api/types';
import { beijingDateTime, beijingDayNumber, isCalendarDate, isTimeOfDay } from '../format/dates';
import { parseYuanToFen } from '../format/money';

export type CaseAction = 'verify' | 'assist' | 'eliminate';

/**
 * The actions the case page offers: those the API would accept from this user at this stage. The
 * server decides in the end; the console only leaves out what it would refuse (issue 9).
 * Officers act in their county; province staff only when their token names a county (libs/auth).
 */
export function allowedActions(
  user: { role: Role; region: string },
  kase: { stage: Stage; regionCode: string },
): CaseAction[] {
  const canAct =
    (user.role === 'county_officer' || user.role === 'province_staff') &&
    user.region.length >= 6 &&
    kase.regionCode.startsWith(user.region);
  if (!canAct) return [];
  switch (kase.stage) {
    case 'open':
      return ['verify'];
    case 'verified':
      return ['assist'];
    case 'assisting':
    case 'long_term_follow_up':
      return ['assist', 'eliminate'];
    default:
      return [];
  }
}

/** A form's problems by field, as message keys the page translates. */
export type FieldErrors<F extends string> = Partial<Record<F, string>>;
export type Checked<B, F extends string> = { ok: true; body: B } | { ok: false; errors: FieldErrors<F> };

const MAX_TEXT = 2_000;

export interface VerificationForm {
  outcome: 'confirmed' | 'dismissed' | '';
  category: '' | 'unstable' | 'marginal' | 'sudden_hardship';
  visitDate: string;
  visitTime: string;
  notes: string;
}
export interface VerificationBody {
  outcome: 'confirmed' | 'dismissed';
  category?: 'unstable' | 'marginal' | 'sudden_hardship';
  visitedAt: string;
  notes: string;
}

/**
 * The home visit: an outcome, a visit between the warning (`warnedAt`, the opening) and now, and notes
 * when the warning is dismissed.
 */
export function checkVerification(
  form: VerificationForm,
  now: Date,
  warnedAt?: string,
): Checked<VerificationBody, keyof VerificationForm> {
  const errors: FieldErrors<keyof VerificationForm> = {};
  if (form.outcome === '') errors.outcome = 'error.required';
  if (!isCalendarDate(form.visitDate)) errors.visitDate = 'error.date';
  else if (beijingDayNumber(Date.parse(beijingDateTime(form.visitDate))) > beijingDayNumber(now))
    errors.visitDate = 'error.future';
  const time = form.visitTime;
  if (!isTimeOfDay(time)) errors.visitTime = 'error.time';
  const notes = form.notes.trim();
  if (form.outcome === 'dismissed' && notes === '') errors.notes = 'error.dismissNotes';
  if (notes.length > MAX_TEXT) errors.notes = 'error.tooLong';
  if (!errors.visitDate && !errors.visitTime) {
    const visited = Date.parse(beijingDateTime(form.visitDate, time));
    if (visited > now.getTime()) errors.visitTime = 'error.future';
    else if (warnedAt !== undefined && visited < Date.parse(warnedAt))
      errors.visitTime = 'error.beforeWarning';
  }
  if (Object.keys(errors).length > 0 || form.outcome === '') return { ok: false, errors };
  return {
    ok: true,
    body: {
      outcome: form.outcome,
      ...(form.outcome === 'confirmed' && form.category !== '' && { category: form.category }),
      visitedAt: beijingDateTime(form.visitDate, time),
      notes,
    },
  };
}

export interface AssistanceForm {
  measureType: MeasureType | '';
  description: string;
  amountYuan: string;
}
export interface AssistanceBody {
  measureType: MeasureType;
  description: string;
  amountFen?: number;
}

/** An assistance measure: its type, what was done, and an optional amount typed in yuan, sent in fen. */
export function checkAssistance(form: AssistanceForm): Checked<AssistanceBody, keyof AssistanceForm> {
  const errors: FieldErrors<keyof AssistanceForm> = {};
  const measureType = MEASURE_TYPES.find((type) => type === form.measureType);
  if (!measureType) errors.measureType = 'error.required';
  const description = form.description.trim();
  if (description === '') errors.description = 'error.required';
  else if (description.length > MAX_TEXT) errors.description = 'error.tooLong';
  let amountFen: number | undefined;
  if (form.amountYuan.trim() !== '') {
    const parsed = parseYuanToFen(form.amountYuan);
    if (parsed.ok) amountFen = parsed.fen;
    else errors.amountYuan = parsed.reason === 'too_large' ? 'error.amountTooLarge' : 'error.amount';
  }
  if (!measureType || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: { measureType, description, ...(amountFen !== undefined && { amountFen }) } };
}

export interface EliminationForm {
  reason: string;
}

export function checkElimination(form: EliminationForm): Checked<{ reason: string }, keyof EliminationForm> {
  const reason = form.reason.trim();
  if (reason === '') return { ok: false, errors: { reason: 'error.required' } };
  if (reason.length > MAX_TEXT) return { ok: false, errors: { reason: 'error.tooLong' } };
  return { ok: true, body: { reason } };
}
