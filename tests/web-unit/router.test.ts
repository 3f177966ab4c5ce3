// The URL holds the view: parsing and writing routes round-trips, shared state is carried along.
import { describe, expect, it } from 'vitest';
import { linkTo, parseRoute, routeHref, withQuery } from '../../web/src/lib/router.ts';

describe('router', () => {
  it('parses each page from its path', () => {
    expect(parseRoute('/', '')).toEqual({ page: 'home', id: null, query: {} });
    expect(parseRoute('/login', '')).toMatchObject({ page: 'login' });
    expect(parseRoute('/org/HO', '?period=2026-Q1')).toEqual({ page: 'org', id: 'HO', query: { period: '2026-Q1' } });
    expect(parseRoute('/org/B01/managers', '')).toMatchObject({ page: 'managers', id: 'B01' });
    expect(parseRoute('/org/B01/risk', '')).toMatchObject({ page: 'risk', id: 'B01' });
    expect(parseRoute('/manager/M%2001', '')).toMatchObject({ page: 'manager', id: 'M 01' });
    expect(parseRoute('/client/C9', '')).toMatchObject({ page: 'client', id: 'C9' });
    expect(parseRoute('/org/B01/nothing', '')).toMatchObject({ page: 'notfound' });
  });
  it('writes query keys in a stable order and drops empty ones', () => {
    const href = routeHref({ page: 'org', id: 'B01', query: { period: '2026-03', lang: 'en', line: '' } });
    expect(href).toBe('/org/B01?lang=en&period=2026-03');
    const back = new URL(href, 'http://x');
    expect(parseRoute(back.pathname, back.search)).toEqual({ page: 'org', id: 'B01', query: { lang: 'en', period: '2026-03' } });
  });
  it('keeps period, line and language when drilling down, and drops page options', () => {
    const current = parseRoute('/org/HO', '?period=2026-Q1&line=retail&lang=en&sort=fee_income');
    expect(linkTo(current, 'manager', 'M7')).toBe('/manager/M7?lang=en&line=retail&period=2026-Q1');
  });
  it('patches the query of the current page', () => {
    const current = parseRoute('/org/HO/managers', '?period=2026-Q1&grade=A');
    expect(withQuery(current, { grade: undefined, sort: 'loan_spread' })).toBe('/org/HO/managers?period=2026-Q1&sort=loan_spread');
  });
});
