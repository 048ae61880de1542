import type { ComponentChildren, JSX } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { useApp, type AppContextValue } from '../app-context';

/** A link inside the console: a history push instead of a page load. */
export function Link(props: JSX.HTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const { navigate } = useApp();
  const { href, children, ...rest } = props;
  const onClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}

export function errorText(t: AppContextValue['t'], error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('error.network');
    if (error.status === 404) return t('error.notFound');
    if (error.status === 403) return `${t('error.forbidden')} (${error.message})`;
    return t('error.request', { status: error.status, message: error.message });
  }
  return t('error.request', { status: '—', message: error instanceof Error ? error.message : String(error) });
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useApp();
  return (
    <div class="notice notice-error" role="alert">
      <p>{errorText(t, error)}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useApp();
  return (
    <p class="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/**
 * Loads when `key` or `revision` changes; answers of a superseded load are dropped. A new revision of
 * the same thing (re-read after an action) keeps the last answer on screen while it loads; a new key
 * (another region, household or date) clears it, so nothing is shown under a heading it is not for.
 */
export function useAsync<T>(load: () => Promise<T>, key: string, revision = ''): AsyncState<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean; key?: string }>({
    loading: true,
  });
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const id = ++latest.current;
    setState((previous) => ({ data: previous.key === key ? previous.data : undefined, key, loading: true }));
    load().then(
      (data) => id === latest.current && setState({ data, key, loading: false }),
      (error: unknown) => id === latest.current && setState({ error, key, loading: false }),
    );
  }, [key, revision, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export function Field(props: {
  id: string;
  label: string;
  error?: string;
  help?: string;
  children: ComponentChildren;
}) {
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.help && (
        <p class="help" id={`${props.id}-help`}>
          {props.help}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** aria-describedby for a field's help and error. */
export function describedBy(id: string, hasHelp: boolean, hasError: boolean): string | undefined {
  const ids = [hasHelp && `${id}-help`, hasError && `${id}-error`].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
