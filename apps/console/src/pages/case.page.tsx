import { useState } from 'preact/hooks';
import type {
  CaseDetail,
  HistoryEntry,
  HouseholdRisk,
  HouseholdTimeline,
  OfficerCommandResult,
} from '../api/types';
import { useApp } from '../app-context';
import { allowedActions } from '../cases/case-actions';
import { ErrorMessage, Loading, useAsync } from '../components/common';
import { endOfBeijingDay, formatDate, formatDateTime, isCalendarDate } from '../format/dates';
import { displayIdNumber } from '../format/masking';
import { formatYuan } from '../format/money';
import { FACTOR_NAMES, MESSAGES, type MessageKey } from '../i18n/messages';
import type { AppContextValue } from '../app-context';
import { deadlineStatus } from '../queue/deadline';
import { paths } from '../router';
import { CaseActionForm } from './case-actions.form';
import { deadlineText } from './queue.page';

/** A code's label, or the code itself when the catalogue does not know it (a newer API value). */
const known = (t: AppContextValue['t'], key: string, code: string): string =>
  key in MESSAGES.en ? t(key as MessageKey) : code;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function CasePage({ caseId }: { caseId: string }) {
  const { t, api, session, search, navigate } = useApp();
  const asOfParam = new URLSearchParams(search).get('asOf');
  const asOf = asOfParam && isCalendarDate(asOfParam) ? asOfParam : null;
  const [version, setVersion] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const kase = useAsync(() => api.get<CaseDetail>(`/cases/${caseId}`), caseId, String(version));
  const householdId = kase.data?.householdId;
  const household = useAsync(
    () =>
      householdId
        ? api.get<HouseholdRisk>(
            `/households/${encodeURIComponent(householdId)}${asOf ? `?asOf=${encodeURIComponent(endOfBeijingDay(asOf))}` : ''}`,
          )
        : Promise.resolve(undefined),
    `${householdId}/${asOf}`,
    String(version),
  );
  const timeline = useAsync(
    () =>
      householdId
        ? api.get<HouseholdTimeline>(`/households/${encodeURIComponent(householdId)}/timeline`)
        : Promise.resolve(undefined),
    String(householdId),
    String(version),
  );

  // The command answers with the new stage at once; the read model follows within moments (up to
  // 30 s on a loaded server), and the page shows the case once it has.
  const onDone = async (result: OfficerCommandResult) => {
    for (let attempt = 0; attempt < 120; attempt += 1) {
      const fresh = await api.get<CaseDetail>(`/cases/${caseId}`).catch(() => null);
      if (fresh && fresh.stage === result.stage) break;
      await sleep(250);
    }
    setDone(t('case.done', { stage: t(`stage.${result.stage}`) }));
    setVersion((n) => n + 1);
  };

  if (kase.error !== undefined && !kase.data)
    return <ErrorMessage error={kase.error} onRetry={kase.reload} />;
  if (!kase.data) return <Loading />;
  const detail = kase.data;
  const actions = session ? allowedActions(session, detail) : [];
  const status = deadlineStatus(detail, new Date());

  return (
    <article aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {t('case.title', { householdId: detail.householdId })}
      </h1>
      {done && (
        <p class="notice notice-ok" role="status">
          {done}
        </p>
      )}
      <section aria-labelledby="summary-title">
        <h2 id="summary-title">{t('case.summary')}</h2>
        <dl class="facts">
          <Fact label={t('case.stage')} value={t(`stage.${detail.stage}`)} testId="case-stage" />
          <Fact label={t('case.category')} value={t(`category.${detail.category}`)} />
          <Fact label={t('case.score')} value={String(detail.score)} />
          <Fact label={t('case.level')} value={t(`level.${detail.riskLevel}`)} />
          <Fact label={t('queue.regionCode')} value={detail.regionCode} />
          <Fact label={t('case.openedAt')} value={formatDateTime(detail.openedAt)} />
          <Fact label={t('case.verificationDue')} value={formatDateTime(detail.verificationDueAt)} />
          <Fact label={t('case.assistanceDue')} value={formatDateTime(detail.assistanceDueAt)} />
          <Fact
            label={t('queue.deadline')}
            value={deadlineText(t, status)}
            className={status.kind === 'overdue' ? 'overdue' : undefined}
          />
          <Fact label={t('case.escalation')} value={t(`escalation.${detail.escalationLevel}`)} />
          <Fact label={t('case.policy')} value={detail.policyVersion} />
        </dl>
      </section>

      <section aria-labelledby="actions-title" class="actions-panel">
        <h2 id="actions-title">{t('case.actions')}</h2>
        {actions.length === 0 ? (
          <p>{t('case.noActions')}</p>
        ) : (
          actions.map((action) => (
            <CaseActionForm
              key={`${action}-${version}`}
              caseId={caseId}
              warnedAt={detail.openedAt}
              action={action}
              onDone={(r) => void onDone(r)}
            />
          ))
        )}
      </section>

      <AsOfPicker
        asOf={asOf}
        onChange={(date) => navigate(paths.case(caseId, date ?? undefined), { replace: true })}
      />
      {household.error !== undefined && <ErrorMessage error={household.error} onRetry={household.reload} />}
      {household.loading && !household.data && <Loading />}
      {household.data && <HouseholdRiskView risk={household.data} asOf={asOf} />}

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('case.history')}</h2>
        <EventTable entries={detail.history} withActor />
      </section>

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('case.timeline')}</h2>
        {timeline.error !== undefined && <ErrorMessage error={timeline.error} onRetry={timeline.reload} />}
        {timeline.data && (
          <EventTable
            entries={
              asOf
                ? timeline.data.items.filter(
                    (item) => Date.parse(item.occurredAt) <= Date.parse(endOfBeijingDay(asOf)),
                  )
                : timeline.data.items
            }
          />
        )}
      </section>
    </article>
  );
}

function Fact({
  label,
  value,
  className,
  testId,
}: {
  label: string;
  value: string;
  className?: string;
  testId?: string;
}) {
  return (
    <div class={className}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

function AsOfPicker({ asOf, onChange }: { asOf: string | null; onChange(date: string | null): void }) {
  const { t } = useApp();
  const [date, setDate] = useState(asOf ?? '');
  const today = formatDate(new Date());
  return (
    <form
      class="as-of"
      onSubmit={(event) => {
        event.preventDefault();
        onChange(isCalendarDate(date) && date <= today ? date : null);
      }}
    >
      <label for="as-of-date">{t('case.asOf')}</label>
      <input
        id="as-of-date"
        type="date"
        max={today}
        value={date}
        onInput={(e) => setDate((e.target as HTMLInputElement).value)}
      />
      <button type="submit">{t('case.asOfShow')}</button>
      {asOf && (
        <button
          type="button"
          onClick={() => {
            setDate('');
            onChange(null);
          }}
        >
          {t('case.asOfNow')}
        </button>
      )}
    </form>
  );
}

function HouseholdRiskView({ risk, asOf }: { risk: HouseholdRisk; asOf: string | null }) {
  const { t, lang } = useApp();
  const money = (fen: number | null) => (fen === null ? '—' : formatYuan(fen, lang));
  return (
    <>
      <section aria-labelledby="risk-title">
        <h2 id="risk-title">{asOf ? t('case.riskAsOf', { date: asOf }) : t('case.risk')}</h2>
        {asOf && (
          <p class="notice" role="status">
            {t('case.asOfBanner', { date: asOf })}
          </p>
        )}
        <p>
          {t('case.score')}: <strong data-testid="household-score">{risk.score}</strong> · {t('case.level')}:{' '}
          {t(`level.${risk.riskLevel}`)} · {t('case.category')}: {t(`category.${risk.category}`)}
        </p>
        {risk.factors.length === 0 ? (
          <p>{t('case.noFactors')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('case.factor')}</th>
                  <th scope="col" class="num">
                    {t('case.points')}
                  </th>
                  <th scope="col">{t('case.explanation')}</th>
                </tr>
              </thead>
              <tbody>
                {risk.factors.map((factor) => (
                  <tr key={factor.code}>
                    <th scope="row">{FACTOR_NAMES[lang][factor.code] ?? factor.code}</th>
                    <td class="num">+{factor.points}</td>
                    <td>{lang === 'zh-CN' ? factor.explanationZh : factor.explanation}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="figures-title">
        <h2 id="figures-title">{t('case.figures')}</h2>
        <dl class="facts">
          <Fact label={t('case.netIncome')} value={money(risk.figures.householdNetIncomeFen)} />
          <Fact label={t('case.perCapitaAfter')} value={money(risk.figures.perCapitaIncomeAfterRigidFen)} />
          <Fact label={t('case.outOfPocket')} value={money(risk.figures.outOfPocketInWindowFen)} />
          <Fact label={t('case.threshold')} value={money(risk.figures.medicalThresholdFen)} />
          <Fact label={t('case.standard')} value={money(risk.figures.monitoringStandardFen)} />
        </dl>
      </section>
      <section aria-labelledby="members-title">
        <h2 id="members-title">{t('case.members')}</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('case.name')}</th>
                <th scope="col">{t('case.idNumber')}</th>
                <th scope="col">{t('case.relation')}</th>
                <th scope="col">{t('case.labour')}</th>
              </tr>
            </thead>
            <tbody>
              {risk.members.map((member) => (
                <tr key={member.personId}>
                  <th scope="row">{member.name}</th>
                  <td class="mono">{displayIdNumber(member.idNumber)}</td>
                  <td>{known(t, `relation.${member.relation}`, member.relation)}</td>
                  <td>{known(t, `labour.${member.labourCapacity}`, member.labourCapacity)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

function EventTable({ entries, withActor }: { entries: HistoryEntry[]; withActor?: boolean }) {
  const { t, lang } = useApp();
  return (
    <div class="table-wrap">
      <table class="events">
        <thead>
          <tr>
            <th scope="col">{t('case.when')}</th>
            <th scope="col">{t('case.source')}</th>
            <th scope="col">{t('case.event')}</th>
            {withActor && <th scope="col">{t('case.actor')}</th>}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.eventId}>
              <td>{formatDateTime(entry.occurredAt)}</td>
              <td>{entry.source}</td>
              <td>{lang === 'zh-CN' ? entry.summaryZh : entry.summary}</td>
              {withActor && <td>{entry.actor ?? '—'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
