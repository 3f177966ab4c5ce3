// Helpers for driving the dashboard in the browser tests and the web benchmark.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { PASSWORD } from './bank.ts';

export const ARTIFACTS = join(process.cwd(), 'test-artifacts');

/** Waits until no loading state is left on the page (every Status settled). */
export async function settled(page: Page, timeout = 15_000): Promise<void> {
  // The app has mounted (main page or login form) and no loading state is left.
  await page.waitForFunction(() => !!document.querySelector('#main, .login') && !document.querySelector('[data-state="loading"], [aria-busy="true"]'), undefined, { timeout });
}

export async function login(page: Page, url: string, username: string, password = PASSWORD): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${url}/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
  await settled(page);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const path = join(ARTIFACTS, `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true });
}

/** The path and query of the page's URL. */
export function where(page: Page): string {
  const u = new URL(page.url());
  return u.pathname + u.search;
}

/** Yuan (exact decimal string) → cents as a BigInt, for exact sums. */
export function cents(yuan: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{0,2}))?$/.exec(yuan.trim().replace(/,/g, ''));
  if (!m) throw new Error(`not an amount: '${yuan}'`);
  const v = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -v : v;
}
