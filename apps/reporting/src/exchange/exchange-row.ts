import {
  evolveCase,
  initialCaseState,
  toEpochMillis,
  type CaseEvent,
  type CaseStage,
  type HouseholdEvent,
  type Member,
  type RiskCategory,
  type RiskLevel,
} from '@monitoring/domain';

/**
 * One row of the weekly exchange: a household whose monitoring state changed in the batch, as its
 * latest case and its registry stood at the batch's pinned checkpoint. Every value comes from events
 * (business times as recorded, with their offsets), never from the clock, so a batch regenerates
 * byte for byte.
 */
export interface ExchangeRow {
  householdId: string;
  regionCode: string;
  /** The head's resident ID number, in full: the bureau's files carry it. Null if no head is registered. */
  headIdNumber: string | null;
  caseId: string;
  /** The officer's confirmed category once verified, otherwise the latest assessed one. */
  category: RiskCategory;
  score: number;
  riskLevel: RiskLevel;
  stage: CaseStage;
  openedAt: string;
  /** The home visit of the current warning (either outcome). */
  verifiedAt: string | null;
  /** The first assistance recorded since the case was (re)opened. */
  firstAssistanceAt: string | null;
  closedAt: string | null;
  /** Measure types recorded on the case, in the order recorded, separated by `;`. */
  measures: string;
  assistanceCount: number;
  /** Sum of the recorded assistance amounts, integer fen. */
  assistanceAmountFen: number;
  verificationDueAt: string;
  assistanceDueAt: string;
  verificationDeadline: DeadlineOutcome;
  assistanceDeadline: DeadlineOutcome;
}

/**
 * `met`: done by the due time; `missed`: recorded missed or done late; `pending`: not done and not
 * (yet) recorded missed; `not_applicable`: assistance on a case dismissed at the visit.
 */
export type DeadlineOutcome = 'met' | 'missed' | 'pending' | 'not_applicable';

/** The columns in file order: key in JSON Lines, header in CSV and XLSX. */
export const EXCHANGE_COLUMNS = [
  { key: 'householdId', header: 'household_id' },
  { key: 'regionCode', header: 'region_code' },
  { key: 'headIdNumber', header: 'head_id_number' },
  { key: 'caseId', header: 'case_id' },
  { key: 'category', header: 'category' },
  { key: 'score', header: 'score' },
  { key: 'riskLevel', header: 'risk_level' },
  { key: 'stage', header: 'case_stage' },
  { key: 'openedAt', header: 'opened_at' },
  { key: 'verifiedAt', header: 'verified_at' },
  { key: 'firstAssistanceAt', header: 'first_assistance_at' },
  { key: 'closedAt', header: 'closed_at' },
  { key: 'measures', header: 'measures' },
  { key: 'assistanceCount', header: 'assistance_count' },
  { key: 'assistanceAmountFen', header: 'assistance_amount_fen' },
  { key: 'verificationDueAt', header: 'verification_due_at' },
  { key: 'assistanceDueAt', header: 'assistance_due_at' },
  { key: 'verificationDeadline', header: 'verification_deadline' },
  { key: 'assistanceDeadline', header: 'assistance_deadline' },
] as const satisfies readonly { key: keyof ExchangeRow; header: string }[];

export const NUMERIC_COLUMNS: ReadonlySet<keyof ExchangeRow> = new Set([
  'score',
  'assistanceCount',
  'assistanceAmountFen',
]);

/** What the row needs beyond the domain's case state: the current warning's visit and assistance. */
interface WarningFacts {
  verifiedAt: string | null;
  verificationOutcome: 'confirmed' | 'dismissed' | null;
  firstAssistanceAt: string | null;
  measures: string[];
  assistanceAmountFen: number;
  missed: { deadline: string; dueAt: string }[];
}

const noWarningFacts = (): WarningFacts => ({
  verifiedAt: null,
  verificationOutcome: null,
  firstAssistanceAt: null,
  measures: [],
  assistanceAmountFen: 0,
  missed: [],
});

const sameInstant = (a: string, b: string): boolean => toEpochMillis(a) === toEpochMillis(b);
const notAfter = (a: string, b: string): boolean => toEpochMillis(a) <= toEpochMillis(b);

const deadlineOutcome = (doneAt: string | null, dueAt: string, recordedMissed: boolean): DeadlineOutcome => {
  if (recordedMissed) return 'missed';
  if (doneAt === null) return 'pending';
  return notAfter(doneAt, dueAt) ? 'met' : 'missed';
};

/** The head of the household's registry, folded in log order (registrations are full snapshots). */
export const headIdNumberOf = (events: readonly HouseholdEvent[]): string | null => {
  let members: Member[] = [];
  for (const event of events) {
    if (event.type === 'HouseholdRegistered') members = [...event.data.members];
    else if (event.type === 'MemberAdded') members = [...members, event.data.member];
    else if (event.type === 'MemberRemoved')
      members = members.filter((m) => m.personId !== event.data.personId);
  }
  return members.find((member) => member.relation === 'head')?.idNumber ?? null;
};

/**
 * The row of one household from its latest case's events and its household events, both already
 * cut at the pinned checkpoint. Null when the case was never opened (nothing to report).
 */
export const exchangeRowOf = (
  caseEvents: readonly CaseEvent[],
  householdEvents: readonly HouseholdEvent[],
): ExchangeRow | null => {
  let state = initialCaseState();
  let warning = noWarningFacts();
  let measures: string[] = [];
  let assistanceAmountFen = 0;
  for (const event of caseEvents) {
    state = evolveCase(state, event);
    switch (event.type) {
      case 'CaseReopened':
        // Deadlines count from the reopening: the current warning starts again (a confirmation stands).
        warning = {
          ...noWarningFacts(),
          ...(event.data.stage === 'verified' && {
            verifiedAt: warning.verifiedAt,
            verificationOutcome: warning.verificationOutcome,
          }),
        };
        break;
      case 'VerificationRecorded':
        warning = { ...warning, verifiedAt: event.data.visitedAt, verificationOutcome: event.data.outcome };
        break;
      case 'AssistanceRecorded':
        measures = [...measures, event.data.measureType];
        assistanceAmountFen += event.data.amountFen ?? 0;
        warning = { ...warning, firstAssistanceAt: warning.firstAssistanceAt ?? event.data.recordedAt };
        break;
      case 'DeadlineMissed':
        warning = {
          ...warning,
          missed: [...warning.missed, { deadline: event.data.deadline, dueAt: event.data.dueAt }],
        };
        break;
      default:
        break;
    }
  }
  if (state.stage === 'none') return null;

  const recordedMissed = (deadline: string, dueAt: string): boolean =>
    warning.missed.some((miss) => miss.deadline === deadline && sameInstant(miss.dueAt, dueAt));
  const confirmedCategory = 'confirmation' in state ? state.confirmation.category : null;
  const closedAt = state.stage === 'risk_eliminated' || state.stage === 'dismissed' ? state.closedAt : null;
  const dismissedAtVisit = warning.verificationOutcome === 'dismissed';

  return {
    householdId: state.householdId,
    regionCode: state.regionCode,
    headIdNumber: headIdNumberOf(householdEvents),
    caseId: state.caseId,
    category: confirmedCategory ?? state.risk.category,
    score: state.risk.score,
    riskLevel: state.risk.riskLevel,
    stage: state.stage,
    openedAt: state.openedAt,
    verifiedAt: warning.verifiedAt,
    firstAssistanceAt: warning.firstAssistanceAt,
    closedAt,
    measures: measures.join(';'),
    assistanceCount: state.assistanceCount,
    assistanceAmountFen,
    verificationDueAt: state.verificationDueAt,
    assistanceDueAt: state.assistanceDueAt,
    verificationDeadline: deadlineOutcome(
      warning.verifiedAt,
      state.verificationDueAt,
      recordedMissed('verification', state.verificationDueAt),
    ),
    assistanceDeadline:
      dismissedAtVisit && warning.firstAssistanceAt === null
        ? 'not_applicable'
        : deadlineOutcome(
            warning.firstAssistanceAt,
            state.assistanceDueAt,
            recordedMissed('assistance', state.assistanceDueAt),
          ),
  };
};

/** Deterministic order: region code, then household id (code-point order, locale-independent). */
export const compareRows = (a: ExchangeRow, b: ExchangeRow): number =>
  a.regionCode < b.regionCode
    ? -1
    : a.regionCode > b.regionCode
      ? 1
      : a.householdId < b.householdId
        ? -1
        : a.householdId > b.householdId
          ? 1
          : 0;
