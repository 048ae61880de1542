import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createApiClient } from './api/client';
import { AppContext, type AppContextValue } from './app-context';
import { readToken, type Session } from './auth/token-claims';
import { Link } from './components/common';
import { LANGS, type Lang } from './i18n/lang';
import { format, MESSAGES, type MessageKey } from './i18n/messages';
import { BureauPage } from './pages/bureau.page';
import { CasePage } from './pages/case.page';
import { DashboardPage } from './pages/dashboard.page';
import { QueuePage } from './pages/queue.page';
import { SignInPage } from './pages/sign-in.page';
import { homeFor, matchRoute, paths } from './router';
import './styles.css';

// The token lives for the tab only: closing it signs the user out on a shared county office computer.
const SESSION_KEY = 'monitoring.console.token';
const LANG_KEY = 'monitoring.console.lang';

function storedSession(): Session | null {
  const token = sessionStorage.getItem(SESSION_KEY);
  if (!token) return null;
  const read = readToken(token, new Date());
  return read.ok ? read.session : null;
}

function storedLang(): Lang {
  const lang = localStorage.getItem(LANG_KEY);
  return (LANGS as readonly string[]).includes(lang ?? '') ? (lang as Lang) : 'zh-CN';
}

const currentUrl = () => ({ pathname: location.pathname, search: location.search });

function App() {
  const [url, setUrl] = useState(currentUrl);
  const [session, setSession] = useState<Session | null>(storedSession);
  const [lang, setLang] = useState<Lang>(storedLang);

  useEffect(() => {
    const onPop = () => setUrl(currentUrl());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  // Stored at the click, not in an effect after the next paint: a page left at once keeps the choice.
  const chooseLang = (next: Lang) => {
    localStorage.setItem(LANG_KEY, next);
    setLang(next);
  };

  const value = useMemo<AppContextValue>(() => {
    const navigate = (href: string, options: { replace?: boolean } = {}) => {
      if (options.replace) history.replaceState(null, '', href);
      else history.pushState(null, '', href);
      setUrl(currentUrl());
    };
    const signOut = (reason?: 'expired') => {
      sessionStorage.removeItem(SESSION_KEY);
      setSession(null);
      const next = `${location.pathname}${location.search}`;
      navigate(`${paths.signIn(reason ? next : undefined)}${reason ? '&reason=expired' : ''}`, {
        replace: true,
      });
    };
    return {
      lang,
      t: (key: MessageKey, params?: Record<string, string | number>) => format(MESSAGES[lang][key], params),
      session,
      api: createApiClient(session?.token ?? null, () => signOut('expired')),
      navigate,
      signIn: (next: Session) => {
        sessionStorage.setItem(SESSION_KEY, next.token);
        setSession(next);
      },
      signOut,
      search: url.search,
    };
  }, [lang, session, url.search]);

  const route = matchRoute(url.pathname);
  const needsSignIn = route.name !== 'sign-in' && route.name !== 'not-found' && !session;

  useEffect(() => {
    if (needsSignIn) value.navigate(paths.signIn(`${url.pathname}${url.search}`), { replace: true });
    else if (route.name === 'home' && session) value.navigate(homeFor(session.role), { replace: true });
  }, [needsSignIn, route.name, session]);

  // Each page change moves focus to its heading, so screen readers announce the new page.
  useEffect(() => {
    document.getElementById('page-title')?.focus({ preventScroll: true });
    document.title = `${value.t('app.title')}`;
  }, [url.pathname]);

  const t = value.t;
  let page;
  if (route.name === 'sign-in') page = <SignInPage />;
  else if (needsSignIn || route.name === 'home') page = null;
  else if (route.name === 'dashboard') page = <DashboardPage key={route.region} region={route.region} />;
  else if (route.name === 'queue') page = <QueuePage />;
  else if (route.name === 'case') page = <CasePage key={route.caseId} caseId={route.caseId} />;
  else if (route.name === 'bureau') page = <BureauPage />;
  else
    page = (
      <section>
        <h1 id="page-title" tabIndex={-1}>
          {t('common.notFound')}
        </h1>
        <Link href={paths.signIn()}>{t('common.backHome')}</Link>
      </section>
    );

  const role = session?.role;
  return (
    <AppContext.Provider value={value}>
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header class="top">
        <span class="brand">{t('app.title')}</span>
        {session && (
          <nav aria-label={t('app.title')}>
            <ul>
              {(role === 'province_staff' || role === 'county_officer' || role === 'admin') && (
                <>
                  <li>
                    <Link
                      href={paths.dashboard()}
                      aria-current={route.name === 'dashboard' ? 'page' : undefined}
                    >
                      {t('nav.dashboard')}
                    </Link>
                  </li>
                  <li>
                    <Link href={paths.queue()} aria-current={route.name === 'queue' ? 'page' : undefined}>
                      {t('nav.queue')}
                    </Link>
                  </li>
                </>
              )}
              {(role === 'bureau' || role === 'admin') && (
                <li>
                  <Link href={paths.bureau()} aria-current={route.name === 'bureau' ? 'page' : undefined}>
                    {t('nav.bureau')}
                  </Link>
                </li>
              )}
            </ul>
          </nav>
        )}
        <div class="tools">
          {session && (
            <span class="user">
              {t('nav.user', { sub: session.sub, role: t(`role.${session.role}`), region: session.region })}
            </span>
          )}
          <button
            type="button"
            lang={lang === 'zh-CN' ? 'en' : 'zh-CN'}
            aria-label={t('nav.languageLabel')}
            onClick={() => chooseLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}
          >
            {t('nav.language')}
          </button>
          {session && (
            <button type="button" onClick={() => value.signOut()}>
              {t('nav.signOut')}
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </AppContext.Provider>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
