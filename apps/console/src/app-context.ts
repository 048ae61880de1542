import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from './api/client';
import type { Session } from './auth/token-claims';
import type { Lang } from './i18n/lang';
import type { MessageKey } from './i18n/messages';

export interface AppContextValue {
  lang: Lang;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  session: Session | null;
  api: ApiClient;
  navigate(href: string, options?: { replace?: boolean }): void;
  signIn(session: Session): void;
  signOut(reason?: 'expired'): void;
  /** `location.search` of the current page. */
  search: string;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside the console');
  return value;
}
