import { useEffect, useRef, useState } from 'preact/hooks';
import { CATEGORIES, STAGES, type CaseQueueItem, type CaseQueuePage } from '../api/types';
import { useApp, type AppContextValue } from '../app-context';
import { describedBy, ErrorMessage, Link, Loading } from '../components/common';
import { formatDate } from '../format/dates';
import { deadlineStatus, type DeadlineStatus } from '../queue/deadline';
import {
  isRegionPrefix,
  parseQueueFilters,
  queueApiQuery,
  queueFiltersToSearch,
  type QueueFilters,
} from '../queue/queue-filters';
import { paths } from '../router';

const PAGE_SIZE = 25;

export function deadlineText(t: AppContextValue['t'], status: DeadlineStatus): string {
  if (status.kind === 'none') return t('deadline.none');
  const what = t(`deadline.${status.deadline}`);
  if (status.kind === 'due') {
    return `${what}：${status.daysLeft === 0 ? t('deadline.today') : t('deadline.left', { days: status.daysLeft })}`;
  }
  return `${what}：${status.daysOverdue === 0 ? t('deadline.overdueToday') : t('deadline.overdue', { days: status.daysOverdue })}`;
}

/**
 * The alert queue. Pages are appended with the server's cursor (never offsets), so a case that moves
 * while the officer reads is neither skipped nor shown twice; the filters live in the URL.
 */
export function QueuePage() {
  const { t, api, search, navigate } = useApp();
  const filters = parseQueueFilters(search);
  const filterKey = queueFiltersToSearch(filters);
  const [items, setItems] = useState<CaseQueueItem[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const generation = useRef(0);

  const load = async (after: string | null, reset: boolean) => {
    const id = reset ? ++generation.current : generation.current;
    setLoading(true);
    setError(undefined);
    try {
      const page = await api.get<CaseQueuePage>(
        `/cases${queueApiQuery(filters, { cursor: after, limit: PAGE_SIZE })}`,
      );
      if (id !== generation.current) return;
      setItems((previous) => (reset ? page.items : [...previous, ...page.items]));
      setTotal(page.total);
      setCursor(page.nextCursor);
    } catch (err) {
      if (id === generation.current) setError(err);
    } finally {
      if (id === generation.current) setLoading(false);
    }
  };

  useEffect(() => {
    setItems([]);
    setTotal(null);
    setCursor(null);
    void load(null, true);
  }, [filterKey]);

  const apply = (next: QueueFilters) => navigate(paths.queue(queueFiltersToSearch(next)));
  const now = new Date();

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {t('queue.title')}
      </h1>
      <FilterForm key={filterKey} filters={filters} onApply={apply} />
      {total !== null && (
        <p role="status" class="count">
          {t('queue.count', { total, shown: items.length })}
        </p>
      )}
      {error !== undefined && (
        <ErrorMessage error={error} onRetry={() => void load(cursor, items.length === 0)} />
      )}
      {total === 0 && <p>{t('queue.empty')}</p>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="queue">
            <thead>
              <tr>
                <th scope="col">{t('queue.household')}</th>
                <th scope="col">{t('queue.regionCode')}</th>
                <th scope="col">{t('case.category')}</th>
                <th scope="col">{t('case.stage')}</th>
                <th scope="col" class="num">
                  {t('queue.score')}
                </th>
                <th scope="col">{t('queue.deadline')}</th>
                <th scope="col">{t('queue.escalation')}</th>
                <th scope="col">{t('queue.openedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const status = deadlineStatus(item, now);
                return (
                  <tr key={item.caseId} data-case-id={item.caseId}>
                    <th scope="row">
                      <Link href={paths.case(item.caseId)}>{item.householdId}</Link>
                    </th>
                    <td>{item.regionCode}</td>
                    <td>{t(`category.${item.category}`)}</td>
                    <td>{t(`stage.${item.stage}`)}</td>
                    <td class="num">{item.score}</td>
                    <td class={status.kind === 'overdue' ? 'overdue' : undefined}>
                      {deadlineText(t, status)}
                    </td>
                    <td>{t(`escalation.${item.escalationLevel}`)}</td>
                    <td>{formatDate(item.openedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {loading && <Loading />}
      {cursor && !loading && (
        <button type="button" class="more" onClick={() => void load(cursor, false)}>
          {t('queue.more')}
        </button>
      )}
    </section>
  );
}

function FilterForm({ filters, onApply }: { filters: QueueFilters; onApply(filters: QueueFilters): void }) {
  const { t } = useApp();
  const [draft, setDraft] = useState<QueueFilters>(filters);
  const [region, setRegion] = useState(filters.region ?? '');
  const [regionError, setRegionError] = useState(false);

  const toggle = <K extends 'category' | 'stage'>(name: K, value: QueueFilters[K][number], on: boolean) =>
    setDraft((previous) => {
      const current = previous[name] as string[];
      const next = on ? [...current, value] : current.filter((v) => v !== value);
      return { ...previous, [name]: next };
    });

  const submit = (event: Event) => {
    event.preventDefault();
    const trimmed = region.trim();
    if (trimmed !== '' && !isRegionPrefix(trimmed)) {
      setRegionError(true);
      return;
    }
    setRegionError(false);
    // Through the URL parser, so lists come out in catalogue order and dates are checked once.
    const search = queueFiltersToSearch({ ...draft, region: trimmed || undefined });
    onApply(parseQueueFilters(search));
  };

  const date = (name: 'openedFrom' | 'openedTo', label: string) => (
    <div class="field">
      <label for={`filter-${name}`}>{label}</label>
      <input
        id={`filter-${name}`}
        type="date"
        value={draft[name] ?? ''}
        onInput={(event) => {
          const value = (event.target as HTMLInputElement).value;
          setDraft((previous) => ({ ...previous, [name]: value || undefined }));
        }}
      />
    </div>
  );

  return (
    <form class="filters" onSubmit={submit} aria-label={t('queue.filters')} noValidate>
      <div class={`field${regionError ? ' field-invalid' : ''}`}>
        <label for="filter-region">{t('queue.region')}</label>
        <input
          id="filter-region"
          inputMode="numeric"
          value={region}
          aria-invalid={regionError || undefined}
          aria-describedby={describedBy('filter-region', true, regionError)}
          onInput={(event) => setRegion((event.target as HTMLInputElement).value)}
        />
        <p class="help" id="filter-region-help">
          {t('queue.regionHelp')}
        </p>
        {regionError && (
          <p class="field-error" id="filter-region-error" role="alert">
            {t('queue.regionHelp')}
          </p>
        )}
      </div>
      <fieldset>
        <legend>{t('queue.category')}</legend>
        {CATEGORIES.filter((category) => category !== 'none').map((category) => (
          <label class="check" key={category}>
            <input
              type="checkbox"
              name="category"
              value={category}
              checked={draft.category.includes(category)}
              onChange={(event) => toggle('category', category, (event.target as HTMLInputElement).checked)}
            />
            {t(`category.${category}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('queue.stage')}</legend>
        {STAGES.map((stage) => (
          <label class="check" key={stage}>
            <input
              type="checkbox"
              name="stage"
              value={stage}
              checked={draft.stage.includes(stage)}
              onChange={(event) => toggle('stage', stage, (event.target as HTMLInputElement).checked)}
            />
            {t(`stage.${stage}`)}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for="filter-overdue">{t('queue.overdue')}</label>
        <select
          id="filter-overdue"
          value={draft.overdue === undefined ? '' : String(draft.overdue)}
          onChange={(event) => {
            const value = (event.target as HTMLSelectElement).value;
            setDraft((previous) => ({ ...previous, overdue: value === '' ? undefined : value === 'true' }));
          }}
        >
          <option value="">{t('queue.overdueAny')}</option>
          <option value="true">{t('queue.overdueOnly')}</option>
          <option value="false">{t('queue.overdueNot')}</option>
        </select>
      </div>
      {date('openedFrom', t('queue.openedFrom'))}
      {date('openedTo', t('queue.openedTo'))}
      <div class="actions">
        <button type="submit" class="primary">
          {t('queue.apply')}
        </button>
        <button
          type="button"
          onClick={() => {
            setRegion('');
            onApply({ category: [], stage: [] });
          }}
        >
          {t('queue.clear')}
        </button>
      </div>
    </form>
  );
}
