import { useEffect, useRef, useState } from 'preact/hooks';
import { CATEGORIES, STAGES, type RegionFigures, type RegionStats } from '../api/types';
import { useApp } from '../app-context';
import { ErrorMessage, Link, Loading, useAsync } from '../components/common';
import { formatDate } from '../format/dates';
import { isPeriod, periodOf, periodSearch, statsQuery, type DayPeriod } from '../format/periods';
import { paths } from '../router';
import type { ChartRow } from '../chart/region-chart';

const LEVELS = ['low', 'medium', 'high'] as const;
const PREFIX_LENGTHS = [2, 4, 6, 9, 12];

export const percent = (share: number | null): string =>
  share === null ? '—' : `${(Math.round(share * 1000) / 10).toFixed(1)}%`;

function RegionChart({ rows, label }: { rows: ChartRow[]; label: string }) {
  const { lang, t } = useApp();
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let dispose: (() => void) | undefined;
    let cancelled = false;
    // ECharts is loaded only here, after the figures are on screen: first paint stays small.
    void import('../chart/region-chart').then(({ renderRegionChart }) => {
      if (cancelled || !element.current) return;
      dispose = renderRegionChart(element.current, rows, {
        overdue: t('dashboard.overdueNow'),
        compliance: t('dashboard.verificationCompliance'),
      });
    });
    return () => {
      cancelled = true;
      dispose?.();
    };
  }, [rows, lang]);
  return <div class="chart" ref={element} role="img" aria-label={label} />;
}

export function DashboardPage({ region: requested }: { region: string | null }) {
  const { t, api, session, search, navigate } = useApp();
  const region = requested ?? session?.region ?? '41';
  const today = formatDate(new Date());
  const period = periodOf(search, today);
  const query = statsQuery(period);
  const stats = useAsync(() => api.get<RegionStats>(`/stats/regions/${region}${query}`), `${region}${query}`);
  const levels = PREFIX_LENGTHS.filter(
    (length) => length <= region.length && length >= (session?.region.length ?? 2),
  ).map((length) => region.slice(0, length));
  const canQueue = session?.role !== 'bureau';

  return (
    <section aria-labelledby="page-title">
      <nav aria-label={t('dashboard.breadcrumb')} class="breadcrumb">
        <ol>
          {levels.map((code) => (
            <li key={code}>
              {code === region ? (
                <span aria-current="page">{code}</span>
              ) : (
                <Link href={paths.dashboard(code) + periodSearch(period)}>{code}</Link>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <h1 id="page-title" tabIndex={-1}>
        {t('dashboard.title', { region })}
      </h1>
      <PeriodPicker
        // A new period in the URL (a link, the browser's back button) starts the form afresh.
        key={periodSearch(period)}
        period={period}
        today={today}
        onChange={(next) => navigate(paths.dashboard(requested ?? undefined) + periodSearch(next))}
      />
      {stats.error !== undefined && <ErrorMessage error={stats.error} onRetry={stats.reload} />}
      {stats.loading && !stats.data && <Loading />}
      {stats.data && <Figures stats={stats.data} canQueue={canQueue} period={period} />}
    </section>
  );
}

function PeriodPicker(props: {
  period: DayPeriod | null;
  today: string;
  onChange(period: DayPeriod | null): void;
}) {
  const { t } = useApp();
  const [from, setFrom] = useState(props.period?.from ?? '');
  const [to, setTo] = useState(props.period?.to ?? '');
  const [invalid, setInvalid] = useState(false);
  const input = (id: string, label: string, value: string, set: (value: string) => void) => (
    <>
      <label for={id}>{label}</label>
      <input
        id={id}
        type="date"
        max={props.today}
        value={value}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? 'period-error' : undefined}
        onInput={(event) => set((event.target as HTMLInputElement).value)}
      />
    </>
  );
  return (
    <form
      class="as-of"
      aria-label={t('dashboard.periodChoose')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const valid = isPeriod(from, to, props.today);
        setInvalid(!valid);
        if (valid) props.onChange({ from, to });
      }}
    >
      {input('period-from', t('dashboard.periodFrom'), from, setFrom)}
      {input('period-to', t('dashboard.periodTo'), to, setTo)}
      <button type="submit">{t('dashboard.periodShow')}</button>
      {props.period && (
        <button type="button" onClick={() => props.onChange(null)}>
          {t('dashboard.periodDefault')}
        </button>
      )}
      {invalid && (
        <p class="field-error" id="period-error" role="alert">
          {t('dashboard.periodInvalid')}
        </p>
      )}
    </form>
  );
}

function Figures(props: { stats: RegionStats; canQueue: boolean; period: DayPeriod | null }) {
  const { stats, canQueue, period } = props;
  const { t } = useApp();
  const { region, children } = stats;
  const rows: ChartRow[] = children.map((child) => ({
    region: child.regionCode,
    overdue: child.deadlines.overdueNow,
    compliance: child.deadlines.verification.share,
  }));
  return (
    <>
      <p class="help">
        {t('dashboard.period', {
          from: formatDate(stats.period.from),
          // The period runs up to `to`, not including it: its last day is the day of the moment before.
          to: formatDate(Date.parse(stats.period.to) - 1),
        })}
      </p>
      <div class="cards">
        <Card label={t('dashboard.households')} value={region.households.total} />
        <Card label={t('dashboard.cases')} value={region.cases.total} />
        <Card label={t('dashboard.openedInPeriod')} value={region.cases.openedInPeriod} />
        <Card label={t('dashboard.overdueNow')} value={region.deadlines.overdueNow} alert />
        <Card
          label={t('dashboard.verificationCompliance')}
          value={percent(region.deadlines.verification.share)}
        />
        <Card
          label={t('dashboard.assistanceCompliance')}
          value={percent(region.deadlines.assistance.share)}
        />
      </div>
      <div class="two-columns">
        <CategoryTable figures={region} />
        <StageTable figures={region} />
      </div>
      <h2>{t('dashboard.children')}</h2>
      {children.length === 0 ? (
        <p>{t('dashboard.noChildren')}</p>
      ) : (
        <>
          <RegionChart rows={rows} label={t('dashboard.chartLabel')} />
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.region')}</th>
                  <th scope="col" class="num">
                    {t('dashboard.households')}
                  </th>
                  <th scope="col" class="num">
                    {t('dashboard.cases')}
                  </th>
                  <th scope="col" class="num">
                    {t('dashboard.overdueNow')}
                  </th>
                  <th scope="col" class="num">
                    {t('dashboard.verificationCompliance')}
                  </th>
                  <th scope="col" class="num">
                    {t('dashboard.assistanceCompliance')}
                  </th>
                  <th scope="col" class="num">
                    {t('dashboard.escalated')}
                  </th>
                  {canQueue && (
                    <th scope="col">
                      <span class="visually-hidden">{t('dashboard.openQueue')}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {children.map((child) => (
                  <tr key={child.regionCode}>
                    <th scope="row">
                      {child.regionCode.length <= 6 ? (
                        <Link href={paths.dashboard(child.regionCode) + periodSearch(period)}>
                          {child.regionCode}
                        </Link>
                      ) : (
                        child.regionCode
                      )}
                    </th>
                    <td class="num">{child.households.total}</td>
                    <td class="num">{child.cases.total}</td>
                    <td class={`num${child.deadlines.overdueNow > 0 ? ' overdue' : ''}`}>
                      {child.deadlines.overdueNow}
                    </td>
                    <td class="num">{percent(child.deadlines.verification.share)}</td>
                    <td class="num">{percent(child.deadlines.assistance.share)}</td>
                    <td class="num">
                      {child.deadlines.escalated.city}/{child.deadlines.escalated.province}
                    </td>
                    {canQueue && (
                      <td>
                        <Link href={paths.queue(`?region=${child.regionCode}`)}>
                          {t('dashboard.openQueue')}
                        </Link>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

function Card({ label, value, alert }: { label: string; value: string | number; alert?: boolean }) {
  return (
    <div class={`card${alert && value !== 0 ? ' card-alert' : ''}`}>
      <div class="card-value">{value}</div>
      <div class="card-label">{label}</div>
    </div>
  );
}

function CategoryTable({ figures }: { figures: RegionFigures }) {
  const { t } = useApp();
  const matrix = figures.households.byCategoryAndRiskLevel;
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('dashboard.householdsByCategory')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('case.category')}</th>
            {LEVELS.map((level) => (
              <th scope="col" class="num" key={level}>
                {t(`level.${level}`)}
              </th>
            ))}
            <th scope="col" class="num">
              {t('common.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {CATEGORIES.map((category) => (
            <tr key={category}>
              <th scope="row">{t(`category.${category}`)}</th>
              {LEVELS.map((level) => (
                <td class="num" key={level}>
                  {matrix[category]?.[level] ?? 0}
                </td>
              ))}
              <td class="num">{figures.households.byCategory[category] ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StageTable({ figures }: { figures: RegionFigures }) {
  const { t } = useApp();
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('dashboard.casesByStage')}</caption>
        <tbody>
          {STAGES.map((stage) => (
            <tr key={stage}>
              <th scope="row">{t(`stage.${stage}`)}</th>
              <td class="num">{figures.cases.byStage[stage] ?? 0}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('common.total')}</th>
            <td class="num">{figures.cases.total}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
