// The dashboard in real Chromium against the real API on a generated bank: each role lands on its
// own page; drill-down head office → branch → manager → client and back; the risk page's ranking
// is the API's, and with the originating manager selected (the switch clicked, as a user would)
// the planted bad-risk cohort (generator truth.json) tops it: the first row is a planted manager
// and most of the top k rows are (k = the cohort's size); migration cells and vintage points open
// their loans; an export equals the table on screen, and every table has one; the language switch;
// a branch president cannot reach another branch by editing the URL. Screenshots of every page
// go to test-artifacts/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from './browser.ts';
import { startTestBank, type TestBank } from './bank.ts';
import { ARTIFACTS, cents, login, screenshot, settled, where } from './pages.ts';
import { formatAmountIn } from '../../web/src/lib/format.ts';

/**
 * The test bank: 4,000 clients over 2025-01…2025-09 (seed 7), with the bad-risk plant at 50× the
 * rest's default rate instead of the generator's default 4×. At 4× a bank this small shows nothing
 * per manager: on 1,200 clients each corporate manager books about eight loans and the whole cohort
 * of three sees about one loan turn non-performing in the nine months, so the ranking is luck (the
 * default plant is shown on the demo bank by tests/risk/demo-cohort.test.ts). 4,000 clients give
 * the cohort of three about 15 loans each, and 50× makes the plant show manager by manager
 * (seed 7: planted managers rank 1st and 2nd of 92 by originated turned-NPL balance; across
 * seeds 1–16 the first row was always planted, and most of the top k in every one).
 */
const BANK = { scale: 4000, from: '2025-01', to: '2025-09', seed: 7, badRiskMultiplier: 50 } as const;

/** The risk page's period: year to date at the end of the test bank's months. */
const RISK_PERIOD = '2025-09-ytd';

let bank: TestBank;
let browser: LaunchedBrowser;
let page: Page;

beforeAll(async () => {
  // Chromium first: when it is missing and cannot be installed, fail fast with the fix.
  browser = await launchBrowser();
  bank = await startTestBank(BANK);
  page = await browser.context.newPage();
  // Every Content-Security-Policy violation on any page of the run, reported by the page itself
  // (the event) and by Chromium's console; the last test asserts there were none.
  await browser.context.exposeBinding('__reportCspViolation', (_source, what: string) => void cspViolations.push(what));
  await browser.context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __reportCspViolation(s: string): void }).__reportCspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(m.text());
  });
}, 600_000);

const cspViolations: string[] = []; // generous: the first run may install Chromium with apt-get

afterAll(async () => {
  await browser?.close();
  await bank?.stop();
});

async function rowTexts(table: string, key: string): Promise<string[]> {
  return page.locator(`[data-testid="${table}"] tbody td[data-key="${key}"]`).allInnerTexts();
}

/** A table's every row drawn ("show all" when it has more), and one column's figures as numbers. */
async function allFigures(table: string, key: string): Promise<number[]> {
  const showAll = page.locator(`[data-testid="${table}"] [data-testid="show-all"]`);
  if ((await showAll.count()) > 0) await showAll.click();
  return (await rowTexts(table, key)).map((s) => Number(s.replace(/,/g, '')));
}

interface SubBranchCard { org_id: string; org_name: string; total_score: string; grade: string; level_rank: number; level_count: number }

/** Head office on a page of the root node, its table drawn; the API's cards of every sub-branch (the default institution scheme's level). */
async function subBranchCardsOn(path: string, table: string): Promise<SubBranchCard[]> {
  await login(page, bank.url, bank.users.head_office);
  await page.goto(`${bank.url}/org/${bank.rootOrgId}${path}`);
  await settled(page);
  await page.locator(`[data-testid="${table}"]`).waitFor();
  const cards = (await page.evaluate(
    async (root) => (await (await fetch(`/api/orgs/${root}/scorecards?level=sub_branch&page_size=500`)).json()).rows,
    bank.rootOrgId,
  )) as SubBranchCard[];
  expect(cards.length).toBeGreaterThan(3);
  return cards;
}

describe('dashboard in Chromium', () => {
  it('lands each role on its own starting page', async () => {
    const s = bank.subjects;
    const expected: [string, string][] = [
      [bank.users.head_office, `/org/${bank.rootOrgId}`],
      [bank.users.branch_president, `/org/${s.branch.org_id}/managers`],
      [bank.users.risk_officer, `/org/${s.region.org_id}/risk`],
      [bank.users.manager, `/manager/${s.manager.manager_id}`],
    ];
    for (const [user, path] of expected) {
      await login(page, bank.url, user);
      expect(new URL(page.url()).pathname).toBe(path);
      await screenshot(page, `home-${user}`);
    }
    // Navigation follows the role: a manager sees only their own scorecard (and its review queue,
    // issue 22), a risk officer only risk.
    expect(await page.locator('nav a[data-nav]').evaluateAll((as) => as.map((a) => a.getAttribute('data-nav')))).toEqual(['nav_my_scorecard', 'nav_reviews']);
    await login(page, bank.url, bank.users.risk_officer);
    expect(await page.locator('nav a[data-nav]').evaluateAll((as) => as.map((a) => a.getAttribute('data-nav')))).toEqual(['nav_risk']);
  });

  it('head office sorts the sub-branches by institution score and opens one card (issue 24)', async () => {
    const cards = await subBranchCardsOn('', 'org-scorecards-table');
    const table = page.locator('[data-testid="org-scorecards-table"]');
    // The root is no sub-branch: no institution scheme scores it, and its page says so where its card would be.
    await expect(page.locator('[data-testid="no-scheme"]').innerText()).resolves.toContain('无在用机构考核方案');
    await expect(page.locator('[data-testid="org-scorecard"]').count()).resolves.toBe(0);
    // Sorted by score, highest first; a click on the header turns it to lowest first.
    const header = table.locator('thead th', { hasText: '综合得分' });
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const shown = await allFigures('org-scorecards-table', 'total_score');
    expect(shown).toHaveLength(cards.length);
    expect(shown).toEqual([...shown].sort((a, b) => a - b));
    expect(shown[0]).toBe(Math.min(...cards.map((c) => Number(c.total_score))));
    await screenshot(page, 'org-scorecards-sorted');
    // Open the lowest-scoring sub-branch: its card shows its score, grade and ranks.
    const link = table.locator('tbody tr').first().locator('a').first();
    const name = (await link.innerText()).trim();
    const lowest = cards.find((c) => c.org_name === name)!;
    await link.click();
    await page.waitForURL((u) => u.pathname === `/org/${lowest.org_id}`);
    await settled(page);
    const card = page.locator('[data-testid="org-scorecard"]');
    await card.waitFor();
    expect(Number((await card.locator('[data-testid="org-total-score"]').innerText()).replace(/,/g, ''))).toBe(Number(lowest.total_score));
    expect(await card.locator('[data-grade]').count()).toBe(1);
    expect(await card.locator('[data-testid="org-ranks"]').innerText()).toContain(`${lowest.level_rank} / ${lowest.level_count}`);
    expect(await card.locator('tbody tr').count()).toBeGreaterThanOrEqual(6); // every indicator, then the items
    await expect(page.locator('[data-testid="target-cascade-table"]').count()).resolves.toBe(1);
    await screenshot(page, 'org-scorecard');
  });

  it('head office sorts the benchmarking page by institution score and opens the top sub-branch (issue 24)', async () => {
    const cards = await subBranchCardsOn('/peers', 'peers-table');
    const table = page.locator('[data-testid="peers-table"]');
    // A click on the score's header sorts by it, highest first (kept in the URL).
    const header = table.locator('thead th', { hasText: '机构综合得分' });
    await header.locator('button').click();
    await page.waitForURL((u) => u.searchParams.get('sort') === 'institution_score');
    await settled(page);
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const shown = await allFigures('peers-table', 'institution_score');
    expect(shown).toHaveLength(cards.length);
    expect(shown).toEqual([...shown].sort((a, b) => b - a));
    expect(shown[0]).toBe(Math.max(...cards.map((c) => Number(c.total_score))));
    // the grade in words, the rank in the level as the card has it
    const top = cards.find((c) => Number(c.total_score) === shown[0])!;
    expect((await rowTexts('peers-table', 'institution_level_rank'))[0]).toBe(String(top.level_rank));
    const grades: Record<string, string> = { excellent: '优秀', good: '良好', competent: '称职', unsatisfactory: '不称职' };
    expect((await rowTexts('peers-table', 'institution_grade'))[0]).toBe(grades[top.grade]);
    await screenshot(page, 'peers-by-institution-score');
    const link = table.locator('tbody tr').first().locator('a').first();
    await link.click();
    await page.waitForURL((u) => u.pathname.startsWith('/org/') && !u.pathname.endsWith('/peers'));
    await settled(page);
    const card = page.locator('[data-testid="org-scorecard"]');
    await card.waitFor();
    expect(Number((await card.locator('[data-testid="org-total-score"]').innerText()).replace(/,/g, ''))).toBe(shown[0]);
  });

  it('drills head office → branch → manager → client, and back', async () => {
    await login(page, bank.url, bank.users.head_office);
    const start = where(page);
    // Down the org tree to the sub-branch, one child row at a time (the breadcrumb names each level).
    const path = await page.evaluate(async (branch) => {
      const res = await fetch('/api/orgs');
      const { rows } = (await res.json()) as { rows: { org_id: string; parent_id: string | null; org_name: string }[] };
      const byId = new Map(rows.map((r) => [r.org_id, r]));
      const out: { org_id: string; org_name: string }[] = [];
      for (let cur = byId.get(branch); cur && cur.parent_id; cur = byId.get(cur.parent_id)) out.unshift(cur);
      return out;
    }, bank.subjects.branch.org_id);
    for (const node of path) {
      await page.locator('[data-testid="children-table"] tbody a', { hasText: node.org_name }).first().click();
      await page.waitForURL((u) => u.pathname === `/org/${node.org_id}`);
      await settled(page);
      await expect.poll(() => page.locator('.breadcrumb [aria-current="page"]').innerText()).toBe(node.org_name);
    }
    await screenshot(page, 'institution-branch');
    // Branch → its managers → one manager → one client.
    await page.locator('h1 a', { hasText: '客户经理' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/managers'));
    await settled(page);
    await page.locator('[data-testid="league-table"] tbody a', { hasText: bank.subjects.manager.manager_name }).first().click();
    await page.waitForURL((u) => u.pathname === `/manager/${bank.subjects.manager.manager_id}`);
    await settled(page);
    await expect(page.locator('[data-testid="manager-name"]').innerText()).resolves.toContain(bank.subjects.manager.manager_name);
    await screenshot(page, 'manager');
    const client = page.locator('[data-testid="clients-table"] tbody a').first();
    const clientName = await client.innerText();
    await client.click();
    await page.waitForURL((u) => u.pathname.startsWith('/client/'));
    await settled(page);
    await expect(page.locator('[data-testid="client-name"]').innerText()).resolves.toContain(clientName);
    await screenshot(page, 'client');
    // Back, step by step, to the manager, the league table, and the branch.
    await page.goBack();
    await page.waitForURL((u) => u.pathname === `/manager/${bank.subjects.manager.manager_id}`);
    await page.goBack();
    await page.waitForURL((u) => u.pathname.endsWith('/managers'));
    await page.goBack();
    await page.waitForURL((u) => u.pathname === `/org/${bank.subjects.branch.org_id}`);
    await settled(page);
    // And up through the breadcrumb to the head office.
    await page.locator('.breadcrumb a').first().click();
    await page.waitForURL((u) => where(page) === start || u.pathname === `/org/${bank.rootOrgId}`);
    await settled(page);
    await screenshot(page, 'institution-head-office');
    expect(await page.locator('.tiles .tile').count()).toBe(5);
    // The head office's name is its level too: the heading says 总行 once, not "总行 总行".
    const heading = await page.locator('h1.page-title').innerText();
    const name = await page.locator('[data-testid="org-name"]').innerText();
    expect(heading.split(name).length - 1).toBe(1);
    expect(await page.locator('[data-testid="org-level"]').count()).toBe(0);
  });

  it('shows the latest loaded period, and says so, for a shared link to a period that is not loaded', async () => {
    await login(page, bank.url, bank.users.head_office);
    await page.goto(`${bank.url}/org/${bank.rootOrgId}?period=2019-03`);
    // The test bank's months are 2025-01…2025-09: the latest month replaces 2019-03 in the URL.
    await page.waitForURL((u) => u.searchParams.get('period') === '2025-09');
    await settled(page);
    await screenshot(page, 'period-not-loaded');
    const notice = await page.locator('[data-testid="period-notice"]').innerText();
    expect(notice).toContain('2019-03');
    expect(notice).toContain('2025年9月');
    expect(await page.locator('[data-state="error"]').count()).toBe(0);
    expect(await page.locator('.tiles .tile').count()).toBe(5);
  });

  it('ranks managers by turned-NPL balance on the risk page; by originating manager the planted bad-risk cohort is on top', async () => {
    await login(page, bank.url, bank.users.head_office);
    await page.goto(`${bank.url}/org/${bank.rootOrgId}/risk?period=${RISK_PERIOD}`);
    await settled(page);
    await screenshot(page, 'risk');
    await page.locator('[data-testid="turned-npl-table"] [data-testid="show-all"]').click();
    const managerIds = async () => {
      const hrefs = await page.locator('[data-testid="turned-npl-table"] tbody tr td:first-child a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      return hrefs.map((h) => decodeURIComponent(/\/manager\/([^?]+)/.exec(h)?.[1] ?? ''));
    };
    const apiRanking = (by: 'current' | 'originating') =>
      page.evaluate(async ([org, period, b]) => {
        const res = await fetch(`/api/orgs/${org}/risk/turned-npl?period=${period}&by=${b}&page_size=500`);
        return ((await res.json()) as { rows: { manager_id: string }[] }).rows.map((r) => r.manager_id);
      }, [bank.rootOrgId, RISK_PERIOD, by] as const);
    const descending = (xs: string[]) => {
      const n = xs.map((b) => Number(b.replace(/,/g, '')));
      return n.every((x, i) => i === 0 || n[i - 1]! >= x);
    };
    // The order on screen is the API's ranking (largest turned-NPL balance first).
    const ids = await managerIds();
    expect(ids).toEqual(await apiRanking('current'));
    expect(descending(await rowTexts('turned-npl-table', 'turned_npl_balance'))).toBe(true);
    // Every planted bad-risk manager of the bank is on the head office's ranking.
    const planted = bank.truth.cohorts.bad_risk_managers.manager_ids;
    for (const id of planted) expect(ids).toContain(id);

    // Charged to the manager who booked the loans: the switch, as a user clicks it.
    await page.locator('[data-testid="basis-originating"]').click();
    await page.waitForURL((u) => u.searchParams.get('basis') === 'originating');
    await settled(page);
    await screenshot(page, 'risk-originating');
    const byOriginator = await managerIds();
    // The first rows on screen are the API's by=originating ranking (the table shows 20 until "all").
    expect(byOriginator.length).toBeGreaterThan(0);
    expect(byOriginator).toEqual((await apiRanking('originating')).slice(0, byOriginator.length));
    const balances = await rowTexts('turned-npl-table', 'originated_turned_npl_balance');
    expect(balances.length).toBe(byOriginator.length);
    expect(descending(balances)).toBe(true);
    // The planted cohort tops it: the first row is a planted manager, and so are most of the top k.
    const k = planted.length;
    const topK = byOriginator.slice(0, k);
    const plantedOnTop = topK.filter((id) => planted.includes(id)).length;
    const summary = `cohort ${planted.join(',')} ranks ${planted.map((id) => byOriginator.indexOf(id) + 1).join(',')} (0 = below the first ${byOriginator.length}); top ${k}: ${topK.join(',')}`;
    expect(k, summary).toBeGreaterThanOrEqual(2);
    expect(planted, summary).toContain(byOriginator[0]);
    expect(plantedOnTop, summary).toBeGreaterThan(k / 2);
    // The loans behind a figure: the top manager's originated turned-NPL loans open below the ranking.
    await page.locator('[data-testid="turned-npl-table"] tbody tr').first().locator('button').click();
    await page.waitForURL((u) => u.searchParams.get('drill') === `manager:${byOriginator[0]}`);
  });

  it('opens the loans behind a migration cell and a vintage point', async () => {
    await login(page, bank.url, bank.users.head_office);
    const org = bank.rootOrgId;
    // A month (the matrix needs the month-end before the period; the bank's first month has none).
    const period = '2025-09';
    // The off-diagonal cell (a move between classes) with the most loans, else the largest cell.
    const matrix = await page.evaluate(async ([o, p]) => ((await (await fetch(`/api/orgs/${o}/risk/migration?period=${p}`)).json()) as { rows: { from_class: string; to_class: string; loans: string }[] }).rows, [org, period] as const);
    const bySize = matrix.filter((r) => Number(r.loans) > 0).sort((a, b) => Number(b.loans) - Number(a.loans));
    const moved = bySize.find((r) => r.from_class !== r.to_class) ?? bySize[0]!;
    expect(moved).toBeDefined();
    await page.goto(`${bank.url}/org/${org}/risk?period=${period}&drill=migration:${moved.from_class}:${moved.to_class}`);
    await settled(page);
    await screenshot(page, 'risk-migration-cell');
    const listed = await page.evaluate(async ([o, p, f, t]) => ((await (await fetch(`/api/orgs/${o}/risk/migration/loans?period=${p}&from_class=${f}&to_class=${t}&page_size=500`)).json()) as { total: number; rows: { share: string; loan_id: string }[] }), [org, period, moved.from_class, moved.to_class] as const);
    // Σ share over the cell's loans is the matrix's loan count (to the 6 decimals both carry).
    const shares = listed.rows.reduce((s, r) => s + Math.round(Number(r.share) * 1e6), 0);
    expect(shares).toBe(Math.round(Number(moved.loans) * 1e6));
    const drilled = page.locator('[data-testid="drill-loans"] tbody td[data-key="loan_id"]');
    expect(await drilled.count()).toBe(Math.min(listed.total, 50));
    expect(await drilled.first().innerText()).not.toBe('');
    // A vintage point: one origination quarter at one age.
    const vintage = await page.evaluate(async ([o]) => ((await (await fetch(`/api/orgs/${o}/risk/vintage`)).json()) as { rows: { origination_quarter: string; months_on_book: number; loans: string }[] }).rows, [org] as const);
    const point = vintage.filter((r) => r.origination_quarter && Number(r.loans) > 0).at(-1)!;
    await page.goto(`${bank.url}/org/${org}/risk?period=${period}&drill=vintage:${point.origination_quarter}:${point.months_on_book}`);
    await settled(page);
    const quarters = await page.locator('[data-testid="drill-loans"] tbody td[data-key="origination_quarter"]').allInnerTexts();
    expect(quarters.length).toBe(Math.min(Number(point.loans), 50));
    for (const q of quarters) expect(q).toBe(point.origination_quarter);
  });

  it('shows each manager\'s achievement against the quarter\'s profit target on the league table', async () => {
    await login(page, bank.url, bank.users.branch_president);
    const org = new URL(page.url()).pathname.split('/')[2]!;
    await page.goto(`${bank.url}/org/${org}/managers?period=2025-Q3`);
    await settled(page);
    await screenshot(page, 'league-achievement');
    const header = await page.locator('[data-testid="league-table"] thead th', { hasText: '完成率' }).first().innerText();
    expect(header).toContain('完成率');
    const api = await page.evaluate(async ([o]) => {
      const res = await fetch(`/api/orgs/${o}/managers?period=2025-Q3&page_size=500`);
      return ((await res.json()) as { rows: { profit_contribution_achievement: string | null; profit_contribution_target: string | null }[] }).rows;
    }, [org] as const);
    // The generator sets every manager a quarterly profit target: the API carries it, the page shows it.
    expect(api.length).toBeGreaterThan(0);
    for (const r of api) expect(r.profit_contribution_target).not.toBeNull();
    const showAll = page.locator('[data-testid="league-table"] [data-testid="show-all"]');
    if ((await showAll.count()) > 0) await showAll.click();
    const shown = (await rowTexts('league-table', 'profit_contribution_achievement')).map((t) => Number(t.replace(/[%,\s]/g, '')));
    expect(shown.length).toBe(api.length);
    // Shown as a percentage (2 places) of the mart's ratio: the same figures, compared sorted.
    const want = api.map((r) => Number(r.profit_contribution_achievement) * 100).sort((a, b) => a - b);
    [...shown].sort((a, b) => a - b).forEach((pct, i) => expect(Math.abs(pct - want[i]!)).toBeLessThan(0.0051));
    // Its download: money (the target from the long-form mart, 6 decimals there) at the fen, the line
    // as its label (对公/个人), not its code.
    const csv = await page.evaluate(async ([o]) => (await fetch(`/api/orgs/${o}/managers?period=2025-Q3&format=csv`)).text(), [org] as const);
    const [head, ...lines] = csv.replace(/^\uFEFF/, '').trim().split(/\r\n/).map((l) => l.split(','));
    const targetCol = head!.indexOf('模拟利润任务（元）'); // the header states the unit
    const lineCol = head!.indexOf('条线');
    expect(lines.length).toBe(api.length);
    for (const l of lines) {
      expect(l[targetCol]).toMatch(/^-?\d+\.\d{2}$/);
      expect(['对公', '个人']).toContain(l[lineCol]);
    }
  });

  it("marks a moved manager in the old sub-branch's league of a month before the move, and shows the org history (issue 26)", async () => {
    await login(page, bank.url, bank.users.head_office);
    const move = bank.truth.cohorts.manager_moves!.moves[0]!;
    const [y, m] = move.month.split('-').map(Number) as [number, number];
    const before = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    await page.goto(`${bank.url}/org/${move.from_org_id}/managers?period=${before}`);
    await settled(page);
    await screenshot(page, 'league-moved');
    const badge = page.locator(`[data-testid="league-table"] tr:has([data-testid="moved"])`);
    expect(await badge.count()).toBe(1);
    expect(await badge.first().innerText()).toContain('已调离');
    await page.goto(`${bank.url}/manager/${move.manager_id}`);
    await settled(page);
    const rows = page.locator('[data-testid="org-history"] tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).innerText()).toContain(`${move.month}-01`);
  });

  it('downloads an export whose rows and total equal the table on screen', async () => {
    await login(page, bank.url, bank.users.branch_president);
    // The president's display name is their role: the header says it once.
    expect(await page.locator('header .user').innerText()).toBe('支行行长');
    await screenshot(page, 'league');
    const showAll = page.locator('[data-testid="league-table"] [data-testid="show-all"]');
    if ((await showAll.count()) > 0) await showAll.click();
    const names = await rowTexts('league-table', 'manager_name');
    const shown = await rowTexts('league-table', 'profit_contribution');
    const header = await page.locator('[data-testid="league-table"] thead th', { hasText: '模拟利润' }).first().innerText();
    expect(header).toContain('万元');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="league-table"] a[data-export="csv"]').click()]);
    const file = await download.path();
    const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r\n/);
    const head = lines[0]!.split(',');
    const nameCol = head.indexOf('客户经理');
    const profitCol = head.indexOf('模拟利润（元）'); // the header states the unit (exact yuan)
    expect(nameCol).toBeGreaterThanOrEqual(0);
    expect(profitCol).toBeGreaterThanOrEqual(0);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.length).toBe(names.length);
    // Row by row, the file's exact yuan shown in 万元 is the page's figure.
    const byName = new Map(rows.map((r) => [r[nameCol]!, r[profitCol]!]));
    names.forEach((n, i) => expect(formatAmountIn(byName.get(n), 'wan')).toBe(shown[i]));
    // Totals: Σ file (exact cents) in 万元 agrees with Σ page (each rounded to 0.01 万元) within rounding.
    const fileTotal = rows.reduce((s, r) => s + cents(r[profitCol]!), 0n);
    const pageTotal = shown.reduce((s, v) => s + cents(v), 0n); // in 0.01 万元
    const fileTotalWanCents = Number(fileTotal) / 10_000;
    expect(Math.abs(fileTotalWanCents - Number(pageTotal))).toBeLessThanOrEqual(0.5 * shown.length);
    // Two managers side by side: tick both, the comparison appears and the URL keeps the choice.
    if (names.length >= 2) {
      const boxes = page.locator('[data-testid="league-table"] tbody input[type=checkbox]');
      await boxes.nth(0).check();
      await boxes.nth(1).check();
      await page.waitForURL((u) => (u.searchParams.get('compare') ?? '').split(',').length === 2);
      await page.locator('[data-testid="comparison"] canvas').waitFor();
      await page.reload();
      await settled(page);
      expect(await page.locator('[data-testid="comparison"]').count()).toBe(1);
    }
  });

  it('switches between Chinese and English', async () => {
    await login(page, bank.url, bank.users.head_office);
    expect(await page.locator('nav a[data-nav="nav_institution"]').innerText()).toBe('机构考核');
    await page.click('[data-testid="lang-switch"]');
    await page.waitForURL((u) => u.searchParams.get('lang') === 'en');
    await settled(page);
    expect(await page.locator('nav a[data-nav="nav_institution"]').innerText()).toBe('Institutions');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('.tile[data-metric="profit_contribution"] .name').innerText()).toBe('Profit contribution');
    await screenshot(page, 'institution-english');
    // The language travels with drill-down links, and Back restores Chinese.
    const child = page.locator('[data-testid="children-table"] tbody a').first();
    expect(await child.getAttribute('href')).toContain('lang=en');
    await page.goBack();
    await page.waitForURL((u) => !u.searchParams.has('lang'));
    expect(await page.locator('nav a[data-nav="nav_institution"]').innerText()).toBe('机构考核');
  });

  it('sorts and moves through tables by keyboard', async () => {
    await login(page, bank.url, bank.users.head_office);
    await page.goto(`${bank.url}/org/${bank.rootOrgId}/managers`);
    await settled(page);
    const table = page.locator('[data-testid="league-table"]');
    // Tab to the first manager link, then Down moves to the next row's link.
    const first = table.locator('tbody tr').nth(0).locator('a').first();
    await first.focus();
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.closest('tr')?.rowIndex ?? -1);
    expect(focused).toBe(2); // header row is 0, first body row 1
    // A header is a button: Enter sorts by it (ascending for names), aria-sort says so, the URL keeps it.
    const nameHeader = table.locator('thead th').first();
    await nameHeader.locator('button').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('sort') === 'manager_name');
    expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');
    await page.keyboard.press('Enter');
    await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('descending');
  });

  it('downloads the scorecard lines and every table of the client page', async () => {
    await login(page, bank.url, bank.users.manager);
    const id = bank.subjects.manager.manager_id;
    const link = page.locator('[data-testid="scorecard"] a[data-export="csv"]');
    if ((await page.locator('[data-testid="scorecard"]').count()) > 0) {
      const api = await page.evaluate(async (m) => ((await (await fetch(`/api/managers/${m}`)).json()) as { scorecard: { indicators: unknown[] } | null }).scorecard, id);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const lines = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r\n/);
      expect(lines.length).toBe((api?.indicators.length ?? 0) + 1);
    }
    // The client page: holders, products held, trend and loans each carry their CSV and Excel links.
    await login(page, bank.url, bank.users.head_office);
    // A client of the test manager who has had a loan (so the loans table has rows too).
    const clientId = await page.evaluate(async (m) => {
      const rows = ((await (await fetch(`/api/managers/${m}/clients?page_size=500&sort=loan_end_balance&order=desc`)).json()) as { rows: { client_id: string }[] }).rows;
      return rows[0]!.client_id;
    }, bank.subjects.manager.manager_id);
    await page.goto(`${bank.url}/client/${encodeURIComponent(clientId)}`);
    await settled(page);
    await page.locator('[data-testid="client-loans"]').waitFor();
    const hrefs = await page.locator('a[data-export="csv"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    for (const table of ['holders', 'held', 'history', 'loans']) expect(hrefs.some((h) => h.includes(`table=${table}`))).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="products-held"] a[data-export="csv"]').click()]);
    const lines = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(lines.length - 1).toBe(await page.locator('[data-testid="products-held"] tbody tr').count());
  });

  it('prints a manager\'s scorecard as a clean review sheet and fits a 768 px tablet', async () => {
    await login(page, bank.url, bank.users.manager);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.app-header').isVisible()).toBe(false);
    expect(await page.locator('a[data-export]').first().isVisible()).toBe(false);
    expect(await page.locator('[data-testid="manager-name"]').isVisible()).toBe(true);
    await page.pdf({ path: `${ARTIFACTS}/review-sheet.pdf`, format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    for (const path of [`/manager/${bank.subjects.manager.manager_id}`]) {
      await page.setViewportSize({ width: 768, height: 1024 });
      await page.goto(bank.url + path);
      await settled(page);
      await screenshot(page, 'manager-tablet');
      // Nothing pushes the page sideways: wide tables scroll inside their own box.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    }
    await login(page, bank.url, bank.users.head_office);
    await settled(page);
    await screenshot(page, 'institution-tablet');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('keeps a branch president out of another branch, even by editing the URL', async () => {
    const other = bank.subjects.otherBranch;
    expect(other).not.toBeNull();
    await login(page, bank.url, bank.users.branch_president);
    for (const path of [`/org/${other!.org_id}`, `/org/${other!.org_id}/managers`, `/org/${other!.org_id}/risk`, `/org/${bank.rootOrgId}`]) {
      await page.goto(`${bank.url}${path}`);
      await settled(page);
      expect(await page.locator('[data-state="error"]').count()).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="children-table"], [data-testid="league-table"], [data-testid="turned-npl-table"]').count()).toBe(0);
    }
    await screenshot(page, 'president-out-of-scope');
    // Their own branch still works.
    await page.goto(`${bank.url}/org/${bank.subjects.branch.org_id}/managers`);
    await settled(page);
    expect(await page.locator('[data-testid="league-table"] tbody tr').count()).toBeGreaterThan(0);
  });

  it('loads every page above under the Content-Security-Policy with no violation', async () => {
    const res = await page.goto(`${bank.url}/org/${bank.rootOrgId}`);
    expect(res!.headers()['content-security-policy']).toMatch(/script-src 'self'; .*frame-ancestors 'none'/);
    expect(res!.headers()['x-frame-options']).toBe('DENY');
    await settled(page);
    expect(cspViolations).toEqual([]);
    // The watch works: an inline script added to the page is refused and reported.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = 1';
      document.body.append(script);
    });
    await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
    expect(cspViolations[0]).toMatch(/script-src/);
    expect(await page.evaluate(() => (window as unknown as { __inline?: number }).__inline)).toBeUndefined();
  });
});

