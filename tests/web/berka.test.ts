// A real bank in Chromium: the PKDD'99 Czech bank (../shared/realdata/berka/extract — loans and card
// sales only, every loan at 0 %, amounts in Czech crowns) loads and builds with its currency set to
// CZK, and head office sees what its figures rest on: the build's warnings as a banner (0 %-rate
// loans, the negative loan spread, the empty currency column, no scheme in force), the ledgers
// delivered and not delivered (未提供, on the coverage list, the tiles and the league's cells), amounts
// in 万 CZK and never 万元, "—" — not "0.00%" — as the NPL ratio of a node or manager without loans,
// and the card sales, its only non-loan business, as products sold on the league, card and client page. Screenshots go to test-artifacts/ (web/README.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from './browser.ts';
import { serveBank, type TestBank } from './bank.ts';
import { login, screenshot, settled } from './pages.ts';
import { Warehouse } from '../../warehouse/db.ts';
import { ingestPath } from '../../ingest/index.ts';
import { buildAndPublish, requireResults } from '../../warehouse/results.ts';
import { configDir } from '../../warehouse/paths.ts';

const BERKA = '/work/shared/realdata/berka/extract';
const PERIOD = '1998-12';

let dir: string;
let bank: TestBank;
let browser: LaunchedBrowser;
let page: Page;
/** Sub-branches and managers without a loan at the end of PERIOD (read from the marts). */
let noLoanOrg: { org_id: string; org_name: string; parent_id: string } | undefined;
let noLoanManager: { manager_id: string; manager_name: string; org_id: string } | undefined;
/** Cohort-age rows where the bank's cumulative vintage share fell (none expected), and the cohorts. */
let vintageFalls: unknown[] = [];
let cohorts = 0;
/** A client and a manager who sold (card sales) in PERIOD, and the category. */
let seller: { client_id: string; category: string; manager_id: string } | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'jixiao-berka-'));
  const config = join(dir, 'config');
  cpSync(configDir, config, { recursive: true });
  writeFileSync(
    join(config, 'currency.json'),
    JSON.stringify({
      code: 'CZK',
      name: { zh: '捷克克朗', en: 'Czech koruna' },
      units: { yuan: { zh: 'CZK', en: 'CZK' }, wan: { zh: '万 CZK', en: 'CZK 10k' }, yi: { zh: '亿 CZK', en: 'CZK 100m' } },
    }),
  );
  const dbPath = join(dir, 'berka.duckdb');
  const wh = await Warehouse.open(dbPath);
  try {
    const loads = await ingestPath(wh, BERKA);
    expect(loads.filter((l) => l.status === 'refused')).toEqual([]);
  } finally {
    wh.close();
  }
  await buildAndPublish(dbPath, { configDir: config });
  const results = await Warehouse.open(requireResults(dbPath), { readOnly: true });
  try {
    [noLoanOrg] = await results.query(
      `select p.org_id, p.org_name, p.parent_id from mart_org_period p where p.period = $period and p.level = 'sub_branch' and p.loan_end_balance = 0 order by p.org_id limit 1`,
      { period: PERIOD },
    );
    vintageFalls = await results.query(
      `select origination_quarter, months_on_book, cumulative_npl_principal_share, cumulative_npl_loan_share from (
         select *, lag(cumulative_npl_principal_share) over w as before_p, lag(cumulative_npl_loan_share) over w as before_n
         from mart_org_risk_vintage where org_id = 'HQ' window w as (partition by origination_quarter order by months_on_book))
       where cumulative_npl_principal_share < before_p or cumulative_npl_loan_share < before_n`,
    );
    cohorts = Number((await results.query<{ n: string }>(`select count(distinct origination_quarter)::varchar as n from mart_org_risk_vintage where org_id = 'HQ'`))[0]!.n);
    [noLoanManager] = await results.query(
      `select manager_id, manager_name, org_id from mart_manager_period where period = $period and loan_end_balance = 0 order by manager_id limit 1`,
      { period: PERIOD },
    );
    const [sale] = await results.query<{ client_id: string; category: string }>(
      `select client_id, category from mart_client_sales_period where period = $period and units > 0 order by client_id limit 1`,
      { period: PERIOD },
    );
    if (sale) {
      const [m] = await results.query<{ manager_id: string }>(
        `select manager_id from mart_manager_period where period = $period and "sales_${sale.category}_units" > 0 order by manager_id limit 1`,
        { period: PERIOD },
      );
      if (m) seller = { ...sale, manager_id: m.manager_id };
    }
  } finally {
    results.close();
  }
  bank = await serveBank({ dbPath, workDir: dir, truth: { cohorts: { bad_risk_managers: { manager_ids: [] } } } });
  page = await browser.context.newPage();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await bank?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the Berka bank in Chromium', () => {
  it('shows head office the build warnings as a banner', async () => {
    await login(page, bank.url, bank.users.head_office);
    await page.goto(`${bank.url}/org/${bank.rootOrgId}?period=${PERIOD}`);
    await settled(page);
    const banner = page.locator('[data-testid="build-warnings"]');
    await banner.waitFor();
    const flagged = await banner.locator('details').evaluateAll((els) => els.map((e) => e.getAttribute('data-warning')));
    expect(flagged.sort()).toEqual(['currency_column_empty', 'loan_rates_at_or_below_ftp', 'negative_loan_spread', 'no_scheme_in_force']);
    await banner.locator('details[data-warning="negative_loan_spread"] summary').click();
    // the figure and the rows behind it: 1998's loan spread of the whole bank
    expect(await banner.locator('details[data-warning="negative_loan_spread"] li').allInnerTexts()).toContain(
      'loan_spread of Head office (HQ) in 1998: -1,409,274.11 on an average loan balance of 46,975,803.82; profit contribution -1,409,274.11',
    );
    await screenshot(page, 'berka-head-office');
  });

  it('says which ledgers the figures rest on: loans and sales delivered, deposits, fees and visits not', async () => {
    const coverage = page.locator('[data-testid="ledger-coverage"]');
    await coverage.waitFor();
    const states = await coverage.locator('li').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-ledger')}:${e.getAttribute('data-coverage')}`));
    expect(states).toEqual(['deposits:none', 'loans:full', 'fees:none', 'sales:full', 'visits:none']);
    expect(await coverage.locator('li[data-ledger="deposits"] .state').innerText()).toBe('未提供');
    // deposit and fee tiles are unavailable — said so (未提供), neither "0.00" nor the "—" of an undefined ratio
    for (const metric of ['deposit_avg_balance', 'fee_income']) {
      const tile = page.locator(`.tile[data-metric="${metric}"] [data-testid="tile-actual"]`);
      expect(await tile.innerText()).toBe('未提供');
      expect(await tile.getAttribute('data-state')).toBe('not-delivered');
    }
  });

  it('labels amounts in the configured currency (万 CZK), never 万元', async () => {
    const text = await page.locator('body').innerText();
    expect(text).toMatch(/万 CZK|亿 CZK/);
    expect(text).not.toMatch(/万元|亿元/);
  });

  it('shows "—", not 0.00 %, as the NPL ratio of a node and a manager without loans', async () => {
    if (!noLoanOrg || !noLoanManager) throw new Error('the Berka bank has a sub-branch and a manager without loans at 1998-12 (D30, M1-2)');
    await page.goto(`${bank.url}/org/${noLoanOrg.parent_id}?period=${PERIOD}`);
    await settled(page);
    const orgRow = page.locator('[data-testid="children"] tbody tr', { hasText: noLoanOrg.org_name });
    expect(await orgRow.locator('td[data-key="npl_ratio"]').innerText()).toBe('—');
    const all = await page.locator('[data-testid="children"] tbody td[data-key="npl_ratio"]').allInnerTexts();
    expect(all.length).toBeGreaterThan(1);
    await screenshot(page, 'berka-region');

    await page.goto(`${bank.url}/org/${noLoanManager.org_id}?period=${PERIOD}`);
    await settled(page);
    const managerRow = page.locator('[data-testid="children"] tbody tr', { hasText: noLoanManager.manager_name });
    await managerRow.first().waitFor();
    expect(await managerRow.first().locator('td[data-key="npl_ratio"]').innerText()).toBe('—');
    await screenshot(page, 'berka-sub-branch');
  });

  it('draws every cohort\'s cumulative vintage, a curve that never falls, with all cohorts selectable', async () => {
    expect(cohorts).toBeGreaterThan(20); // 1993-Q3 … 1998-Q4
    expect(vintageFalls).toEqual([]);
    await page.goto(`${bank.url}/org/${bank.rootOrgId}/risk?period=${PERIOD}`);
    await settled(page);
    await page.locator('[data-testid="vintage-note"]').waitFor();
    await screenshot(page, 'berka-risk');
    await page.goto(`${bank.url}/org/${bank.rootOrgId}/risk?period=${PERIOD}&lang=en`);
    await settled(page);
    await page.locator('[data-testid="vintage-note"]').waitFor();
    expect(await page.locator('body').innerText()).toContain('CZK 10k');
    await screenshot(page, 'berka-risk-en');
  });

  it('shows the products sold: league columns on demand, the manager card and the client page', async () => {
    if (!seller) throw new Error('the Berka bank sold cards in 1998-12 (46 sales)');
    const units = `td[data-key="sales_${seller.category}_units"]`;
    await page.goto(`${bank.url}/org/${bank.rootOrgId}/managers?period=${PERIOD}`);
    await settled(page);
    await page.locator('[data-testid="league-table"] tbody tr').first().waitFor();
    expect(await page.locator(units).count()).toBe(0); // optional: off by default
    await page.locator('[data-testid="show-sales"]').check();
    await page.locator(units).first().waitFor();
    expect(page.url()).toContain('sales=1'); // kept in the shareable address
    await screenshot(page, 'berka-league-sales');

    await page.goto(`${bank.url}/manager/${seller.manager_id}?period=${PERIOD}`);
    await settled(page);
    const card = page.locator('[data-testid="products-sold"]');
    await card.waitFor();
    expect(await card.getAttribute('data-state')).toBe('sold');
    expect(Number(await card.locator('tbody td[data-key="units"]').first().innerText())).toBeGreaterThan(0);

    await page.goto(`${bank.url}/client/${seller.client_id}`);
    await settled(page);
    const history = page.locator('[data-testid="products-sold"]');
    await history.waitFor();
    expect(await history.getAttribute('data-state')).toBe('sold');
    expect(await history.locator(`tbody tr`, { hasText: PERIOD }).locator(`td[data-key="sales_${seller.category}_units"]`).innerText()).toBe('1');
    // the client's trend: deposits were delivered in none of its months — said, not "—"
    expect(await page.locator('tbody td[data-key="deposit_spread"]').first().innerText()).toBe('未提供');
    await screenshot(page, 'berka-client-sales');
  });

  it('says no scheme was in force (1993–1998) on the league and the card, with no empty score columns', async () => {
    await page.goto(`${bank.url}/org/${bank.rootOrgId}/managers?period=${PERIOD}`);
    await settled(page);
    await page.locator('[data-testid="no-scheme"]').waitFor();
    expect(await page.locator('[data-testid="no-scheme"]').innerText()).toContain('无在用考核方案');
    expect(await page.locator('tbody td[data-key="profit_contribution"]').count()).toBeGreaterThan(0);
    expect(await page.locator('td[data-key="total_score"], td[data-key="score_grade"], td[data-key="peer_rank"]').count()).toBe(0);
    // the deposit columns of the league say why they are empty
    expect(await page.locator('tbody td[data-key="deposit_spread"]').first().innerText()).toBe('未提供');
    await screenshot(page, 'berka-league');
    await page.goto(`${bank.url}/manager/${noLoanManager!.manager_id}?period=${PERIOD}`);
    await settled(page);
    const said = page.locator('[data-testid="no-scheme"]');
    await said.waitFor();
    expect(await said.innerText()).toContain('no retail scheme in force');
    expect(await page.locator('[data-testid="scorecard"]').count()).toBe(0);
    await screenshot(page, 'berka-manager');
  });
});

// The browser test reads the bank's extract where the project keeps real data; say so plainly if absent.
if (!readFileSync(join(BERKA, 'loans.csv'), 'utf8').startsWith('as_of_date')) throw new Error(`${BERKA}/loans.csv is not the Berka extract`);
