// The quarterly review cycle in Chromium (issue 22): one card walked from open to locked. The
// manager finds it in the review queue and submits the 述职; the supervisor (主管) scores it with a
// comment; the branch president approves, which locks it; the card then shows locked (by whom,
// when, and the payable pay), and the payroll export of the president's node lists it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from './browser.ts';
import { startTestBank, type TestBank } from './bank.ts';
import { login, screenshot, settled } from './pages.ts';

let bank: TestBank;
let browser: LaunchedBrowser;
let page: Page;

/** The test bank's last scoring period (2025-01 … 2025-09): the card 2025-09-ytd. */
const PERIOD = '2025-09';
const CARD = '2025-09-ytd';

beforeAll(async () => {
  browser = await launchBrowser();
  bank = await startTestBank({ scale: 1200, from: '2025-01', to: '2025-09', seed: 7 });
  page = await browser.context.newPage();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await bank?.stop();
});

const state = (s: string) => page.waitForSelector(`[data-testid="card-review"][data-state="${s}"]`, { timeout: 15_000 });

describe('one card from open to locked, in Chromium', () => {
  const manager = () => bank.subjects.manager.manager_id;

  it('the manager finds the card in the review queue and submits the 述职', async () => {
    await login(page, bank.url, bank.users.manager);
    await page.goto(`${bank.url}/reviews?period=${CARD}`);
    await settled(page);
    const row = page.locator(`[data-testid="review-queue"] tr[data-manager="${manager()}"]`);
    expect(await row.innerText()).toContain('提交述职');
    await row.locator('a').click();
    await settled(page);
    await state('open');
    await page.fill('[data-testid="review-form"] textarea[name="summary"]', '三季度存款日均增长，新增代发客户5户');
    await page.fill('[data-testid="review-form"] textarea[name="plans"]', '四季度重点拓展贷款客户');
    await page.click('[data-testid="review-form"] button[data-action="submit"]');
    await state('submitted');
    expect(await page.locator('[data-testid="review-state"]').innerText()).toBe('已述职');
  });

  it('the supervisor scores it with a comment', async () => {
    await login(page, bank.url, bank.users.supervisor);
    await page.goto(`${bank.url}/manager/${manager()}?period=${PERIOD}`);
    await settled(page);
    await state('submitted');
    expect(await page.locator('[data-testid="review-form"] button[data-action]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-action')))).toEqual(['score']);
    await page.fill('[data-testid="review-form"] textarea[name="comment"]', '业绩达标，客户维护到位');
    await page.click('[data-testid="review-form"] button[data-action="score"]');
    await state('scored');
  });

  it('the branch president approves: the card shows locked, with the payable pay', async () => {
    await login(page, bank.url, bank.users.branch_president);
    await page.goto(`${bank.url}/manager/${manager()}?period=${PERIOD}`);
    await settled(page);
    await state('scored');
    await page.click('[data-testid="review-form"] button[data-action="approve"]');
    await state('locked');
    const locked = await page.locator('[data-testid="review-locked"]').innerText();
    expect(locked).toContain('已锁定');
    expect(locked).toContain('支行行长');
    // the first locked card of the year: payable = its pay (paid_before 0.00)
    expect(locked).toContain('本年已发 0.00');
    expect(await page.locator('[data-testid="review-payable"]').innerText()).toMatch(/^\d+\.\d{2}$/);
    // the sheet lists the three steps with names
    const steps = await page.locator('[data-testid="review-lines"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(steps).toEqual(['submit', 'score', 'approve']);
    expect(await page.locator('[data-testid="review-lines"]').innerText()).toContain('业绩达标，客户维护到位');
    expect(await page.locator('[data-testid="review-form"]').count()).toBe(0);
    await screenshot(page, 'review-locked');
  });

  it('the payroll export of the president node lists the locked card', async () => {
    await page.goto(`${bank.url}/reviews?period=${CARD}`);
    await settled(page);
    const href = await page.locator('[data-testid="payroll"] a[data-export="csv"]').getAttribute('href');
    expect(href).toContain('format=csv');
    const res = await page.request.get(new URL(href!, bank.url).toString());
    expect(res.status()).toBe(200);
    const lines = (await res.text()).trim().split('\n');
    expect(lines.length).toBe(2); // the header and the one locked card
    expect(lines[1]).toContain(manager());
    await screenshot(page, 'review-queue');
  });
});
