import { useEffect, useState } from 'preact/hooks';
import type { DevUser } from '../api/types';
import { useApp } from '../app-context';
import { readToken } from '../auth/token-claims';
import { describedBy, ErrorMessage } from '../components/common';
import { homeFor, safeNext } from '../router';

export function SignInPage() {
  const { t, lang, api, signIn, navigate, search } = useApp();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [devUsers, setDevUsers] = useState<DevUser[] | null>(null);
  const [devError, setDevError] = useState<unknown>(null);
  const params = new URLSearchParams(search);
  const next = safeNext(params.get('next'));

  // The development login answers 404 unless AUTH_DEV_LOGIN=true: then the picker simply is not shown.
  useEffect(() => {
    api.get<{ users: DevUser[] }>('/auth/dev-login').then(
      (body) => setDevUsers(body.users),
      () => setDevUsers(null),
    );
  }, [api]);

  const enter = (raw: string) => {
    const read = readToken(raw, new Date());
    if (!read.ok) {
      setError(t(`signIn.error.${read.reason}`));
      return;
    }
    signIn(read.session);
    navigate(next ?? homeFor(read.session.role), { replace: true });
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    enter(token);
  };

  const asDevUser = async (user: DevUser) => {
    setDevError(null);
    try {
      const body = await api.post<{ token: string }>('/auth/dev-login', { sub: user.sub });
      enter(body.token);
    } catch (err) {
      setDevError(err);
    }
  };

  return (
    <section class="sign-in" aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {t('signIn.title')}
      </h1>
      {params.get('reason') === 'expired' && (
        <p class="notice" role="status">
          {t('signIn.expired')}
        </p>
      )}
      <form onSubmit={onSubmit} noValidate>
        <div class={`field${error ? ' field-invalid' : ''}`}>
          <label for="token">{t('signIn.tokenLabel')}</label>
          <textarea
            id="token"
            name="token"
            rows={4}
            autoComplete="off"
            spellcheck={false}
            value={token}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy('token', true, error !== null)}
            onInput={(event) => setToken((event.target as HTMLTextAreaElement).value)}
          />
          <p class="help" id="token-help">
            {t('signIn.tokenHelp')}
          </p>
          {error && (
            <p class="field-error" id="token-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <button type="submit" class="primary">
          {t('signIn.submit')}
        </button>
      </form>
      {devUsers && devUsers.length > 0 && (
        <section class="dev-login" aria-labelledby="dev-title">
          <h2 id="dev-title">{t('signIn.devTitle')}</h2>
          <p class="help">{t('signIn.devHelp')}</p>
          <ul class="dev-users">
            {devUsers.map((user) => (
              <li key={user.sub}>
                <button type="button" onClick={() => void asDevUser(user)}>
                  {t('signIn.as', { label: lang === 'zh-CN' ? user.labelZh : user.label })}
                </button>
              </li>
            ))}
          </ul>
          {devError !== null && <ErrorMessage error={devError} />}
        </section>
      )}
    </section>
  );
}
