import { homeFor, matchRoute, paths, safeNext } from './router';

describe('console routes', () => {
  const caseId = '0b8f7a52-3c1d-5e2f-9a4b-6c7d8e9f0a1b';

  it.each([
    ['/console', { name: 'home' }],
    ['/console/', { name: 'home' }],
    ['/console/sign-in', { name: 'sign-in' }],
    ['/console/queue', { name: 'queue' }],
    ['/console/bureau', { name: 'bureau' }],
    ['/console/dashboard', { name: 'dashboard', region: null }],
    ['/console/dashboard/4104', { name: 'dashboard', region: '4104' }],
    [`/console/cases/${caseId}`, { name: 'case', caseId }],
    ['/console/dashboard/41x', { name: 'not-found' }],
    ['/console/cases/not-a-uuid', { name: 'not-found' }],
    ['/console/queue/extra', { name: 'not-found' }],
    ['/consoleX', { name: 'not-found' }],
  ])('reads %s', (path, route) => {
    expect(matchRoute(path)).toEqual(route);
  });

  it('writes the paths it reads', () => {
    expect(matchRoute(paths.dashboard('410423'))).toEqual({ name: 'dashboard', region: '410423' });
    expect(paths.case(caseId, '2026-01-31')).toBe(`/console/cases/${caseId}?asOf=2026-01-31`);
    expect(paths.signIn('/console/queue?overdue=true')).toBe(
      '/console/sign-in?next=%2Fconsole%2Fqueue%3Foverdue%3Dtrue',
    );
  });

  it('sends each role to its own first page', () => {
    expect(homeFor('province_staff')).toBe('/console/dashboard');
    expect(homeFor('county_officer')).toBe('/console/queue');
    expect(homeFor('bureau')).toBe('/console/bureau');
  });

  it('returns after sign-in only to pages of the console', () => {
    expect(safeNext('/console/queue?overdue=true')).toBe('/console/queue?overdue=true');
    expect(safeNext('https://evil.example/console/')).toBeNull();
    expect(safeNext('//evil.example')).toBeNull();
    expect(safeNext('/console/\\evil')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});
