// The quarterly review cycle in Chromium (issue 22): one card walked from open to locked. The
// manager finds it in the review queue and submits the 述职; the supervisor (主管) scores it with a
// comment; the branch president approves, which locks it; the card then shows locked (by whom,
// when, and the payable pay), and the payroll export of the president's node lists it. Then the
// frozen card offers no entry form (the reason instead), on the card and in the batch grid; and the
// president allocates the node's public pool (公共绩效池): within it, shown on the card and in the
// payroll; above it, refused with the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from './browser.ts';
import { startTestBank, type TestBank } from './bank.ts';
import { cents, login, screenshot, settled } from './pages.ts';

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

  it('the locked card offers no entry form, saying why; the batch grid takes nothing on its row', async () => {
    await login(page, bank.url, bank.users.supervisor);
    await page.goto(`${bank.url}/manager/${manager()}?period=${PERIOD}`);
    await settled(page);
    await state('locked');
    await page.waitForSelector('[data-testid="entries-frozen"]');
    expect(await page.locator('[data-testid="entries-frozen"]').innerText()).toContain('考核卡已锁定，已过评分环节');
    expect(await page.locator('[data-testid="entry-form"]').count()).toBe(0);
    await page.goto(`${bank.url}/org/${bank.subjects.manager.org_id}/managers?period=${PERIOD}`);
    await settled(page);
    await page.click('[data-testid="entry-grid"] summary');
    const row = page.locator(`[data-testid="entry-grid"] tbody tr[data-manager="${manager()}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-frozen')).toBe('true');
    expect(await row.locator('[data-testid="grid-frozen"]').innerText()).toBe('已锁定，不可录入');
    expect(await row.locator('input:not([disabled])').count()).toBe(0);
    // another manager's card of the node is open: its row takes entries
    expect(await page.locator('[data-testid="entry-grid"] tbody tr[data-frozen="false"] input:not([disabled])').count()).toBeGreaterThan(0);
  });

  it('the branch president allocates the public pool: within it shown on the card and the payroll, above it refused', async () => {
    await login(page, bank.url, bank.users.branch_president);
    const org = bank.subjects.branch.org_id;
    const before = (await (await page.request.get(`${bank.url}/api/orgs/${org}/pool?period=${CARD}`)).json()) as { pool_total: string; remaining: string };
    // the pool of the branch is money its managers set aside: not empty on the test bank
    expect(cents(before.remaining)).toBeGreaterThan(0n);
    const yuan = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;
    const half = yuan(cents(before.remaining) / 2n);
    const over = yuan(cents(before.remaining) + 1n); // the whole remaining + 0.01 to one manager
    await page.goto(`${bank.url}/reviews?period=${CARD}`);
    await settled(page);
    await page.waitForSelector('[data-testid="pool-form"]');
    // above the pool: refused, the reason shown, nothing allocated
    await page.selectOption('[data-testid="pool-form"] select[name="manager_id"]', manager());
    await page.fill('[data-testid="pool-form"] input[name="amount"]', over);
    await page.fill('[data-testid="pool-form"] input[name="reason"]', '超额分配');
    await page.click('[data-testid="pool-form"] button[type="submit"]');
    await page.waitForSelector('[data-testid="pool-message"][data-ok="false"]');
    expect(await page.locator('[data-testid="pool-message"]').innerText()).toBe(`超出 ${org} 公共绩效池 0.01 元，未分配`);
    expect(await page.locator('[data-testid="pool-allocations"]').count()).toBe(0);
    // within it: half of what remains, listed with who allocated it
    await page.fill('[data-testid="pool-form"] input[name="amount"]', half);
    await page.fill('[data-testid="pool-form"] input[name="reason"]', '客户流失非本人原因');
    await page.click('[data-testid="pool-form"] button[type="submit"]');
    await page.waitForSelector('[data-testid="pool-message"][data-ok="true"]');
    const row = page.locator(`[data-testid="pool-allocations"] tr[data-manager="${manager()}"]`);
    expect(await row.innerText()).toContain('客户流失非本人原因');
    expect(await row.innerText()).toContain('支行行长');
    expect(cents((await page.locator('[data-testid="pool-remaining"]').innerText()).replace(/[^\d.-]/g, ''))).toBe(cents(before.remaining) - cents(half));
    await screenshot(page, 'review-pool');
    // the card shows it
    await page.goto(`${bank.url}/manager/${manager()}?period=${PERIOD}`);
    await settled(page);
    await state('locked');
    expect(await page.locator('[data-testid="review-pool"]').innerText()).toContain(half);
    // and the payroll: the locked card's row carries it
    const payroll = await page.request.get(`${bank.url}/api/orgs/${org}/payroll?period=${CARD}`);
    const rows = ((await payroll.json()) as { rows: Record<string, string>[] }).rows;
    expect(rows.map((r) => [r.manager_id, r.pool_allocated])).toEqual([[manager(), half]]);
  });
});
