// What people judge, in Chromium (issue 21): a supervisor (主管) enters the qualitative items of a
// manager's card on the manager's page and sees the total and the grade change at once (no
// rebuild); the manager then sees the entries and who made them. The bank is built with both
// default schemes' qualitative block switched on (20 points) and the quantitative rows taken to
// 80 %, as config/schemes/README.md describes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from './browser.ts';
import { startTestBank, type TestBank } from './bank.ts';
import { login, screenshot, settled } from './pages.ts';
import { configDir } from '../../warehouse/paths.ts';

let bank: TestBank;
let browser: LaunchedBrowser;
let page: Page;
let config: string;

/** The test bank's last scoring period (2025-01 … 2025-09): the card that applies to 2025-09. */
const PERIOD = '2025-09';

beforeAll(async () => {
  browser = await launchBrowser();
  config = mkdtempSync(join(tmpdir(), 'jixiao-config-'));
  cpSync(configDir, config, { recursive: true });
  for (const line of ['retail', 'corporate']) {
    const file = join(config, 'schemes', `${line}_default.json`);
    const scheme = JSON.parse(readFileSync(file, 'utf8'));
    scheme.qualitative.enabled = true;
    for (const i of scheme.indicators) i.weight = Math.round(i.weight * 0.8 * 100) / 100;
    writeFileSync(file, JSON.stringify(scheme));
  }
  bank = await startTestBank({ scale: 1200, from: '2025-01', to: '2025-09', seed: 7, configDir: config });
  page = await browser.context.newPage();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await bank?.stop();
  if (config) rmSync(config, { recursive: true, force: true });
});

const grades = [['excellent', 90], ['good', 75], ['competent', 60], ['unsatisfactory', -Infinity]] as const;
const gradeOf = (total: number) => grades.find(([, min]) => total >= min)![0];
const cents = (text: string) => Math.round(Number(text.replace(/,/g, '')) * 100);

describe('entering what people judge, in Chromium', () => {
  let before = 0;

  it('a supervisor enters the qualitative items on the card and sees the total and the grade change', async () => {
    const manager = bank.subjects.manager.manager_id;
    await login(page, bank.url, bank.users.supervisor);
    await page.goto(`${bank.url}/manager/${manager}?period=${PERIOD}`);
    await settled(page);
    await page.waitForSelector('[data-testid="entry-form"]');
    before = cents(await page.locator('[data-testid="total-points"]').innerText());
    const gradeBefore = await page.locator('[data-testid="scorecard"] [data-grade]').first().getAttribute('data-grade');
    // Full marks on every qualitative item: the five of seeds/000 at their weight (3+2+2+2+1 = 10),
    // and the ten traits of seeds/002 rated 优 (1 point each): +20.00 in all.
    for (const [id, points] of [['customer_service', '3'], ['overall_quality', '2'], ['ethics', '2'], ['teamwork', '2'], ['discipline', '1']]) {
      await page.fill(`input[name="${id}.points"]`, points!);
      await page.fill(`input[name="${id}.note"]`, '季度评议');
    }
    const traits = await page.locator('select[name$=".rating"]').all();
    expect(traits.length).toBe(10);
    for (const select of traits) {
      await select.selectOption('excellent');
      const id = (await select.getAttribute('name'))!.replace(/\.rating$/, '');
      await page.fill(`input[name="${id}.note"]`, '表现优秀');
    }
    await page.click('[data-testid="entry-form"] button[type=submit]');
    await page.waitForFunction(
      (want) => Math.round(Number((document.querySelector('[data-testid="total-points"]')?.textContent ?? '').replace(/,/g, '')) * 100) === want,
      before + 2000,
      { timeout: 15_000 },
    );
    await settled(page);
    const after = cents(await page.locator('[data-testid="total-points"]').innerText());
    expect(after - before).toBe(2000);
    const gradeAfter = await page.locator('[data-testid="scorecard"] [data-grade]').first().getAttribute('data-grade');
    // The grade is the threshold grade of the new total (the sample manager's card crosses one:
    // asserted below so a change of the bank shows here first)
    expect(gradeAfter).toBe(gradeOf(after / 100));
    expect(gradeBefore).toBe(gradeOf(before / 100));
    expect(gradeAfter).not.toBe(gradeBefore);
    await screenshot(page, 'entries-supervisor');
  });

  it('the manager then sees the entries and who made them, and no form', async () => {
    await login(page, bank.url, bank.users.manager);
    await page.goto(`${bank.url}/manager/${bank.subjects.manager.manager_id}?period=${PERIOD}`);
    await settled(page);
    await page.waitForSelector('[data-testid="entries-list"]');
    expect(await page.locator('[data-testid="entry-form"]').count()).toBe(0);
    const row = page.locator('[data-testid="entries-list"] tr[data-item="customer_service"]');
    expect(await row.locator('td[data-key="by"]').innerText()).toContain('网点主管');
    expect(await row.locator('td.num').innerText()).toBe('3.00');
    expect(await page.locator('[data-testid="entries-list"] tbody tr[data-source="card"]').count()).toBe(15);
    expect(cents(await page.locator('[data-testid="total-points"]').innerText()) - before).toBe(2000);
    await screenshot(page, 'entries-manager');
  });

  it('the supervisor enters an item of a second manager in the batch grid of the node', async () => {
    await login(page, bank.url, bank.users.supervisor);
    const org = bank.subjects.manager.org_id;
    await page.goto(`${bank.url}/org/${org}/managers?period=${PERIOD}`);
    await settled(page);
    await page.click('[data-testid="entry-grid"] summary');
    await page.waitForSelector('[data-testid="entry-grid"] tbody tr');
    const rows = page.locator('[data-testid="entry-grid"] tbody tr');
    expect(await rows.count()).toBeGreaterThan(1);
    expect(await page.locator('[data-testid="entry-grid"] a[download]').getAttribute('href')).toContain('format=xlsx');
    // the second manager of the node: 客户服务 (the first item column) 2 points, with a note
    const second = rows.nth(1);
    await second.locator('td input').first().fill('2');
    await second.locator('td input').last().fill('批量评议');
    await page.click('[data-testid="entry-grid"] button[type=submit]');
    await page.waitForSelector('[data-testid="entry-grid"] pre.ok');
    expect(await page.locator('[data-testid="entry-grid"] pre.ok').innerText()).toContain('(1)');
    await screenshot(page, 'entries-grid');
  });
});
