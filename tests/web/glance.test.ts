// The dashboard answers each user's question at a glance (issue 23), in real Chromium against the
// real API on a generated bank (2025-01…2025-09, so the default view is the month 2025-09):
//   1. the president's default league shows base, target and achievement for every manager (a
//      month: the year to date against the annual target by elapsed time), and the main
//      indicators of the schemes in force with their achievement, nothing clipped at 1440 and
//      1024 px (the first column stays, the table says it scrolls);
//   2. head office's benchmarking: a level side by side, filters, percentiles, points not %, and a
//      scatter that drills to the node;
//   4. no dead ends: one message and no spinner for a manager out of scope; no link a role may
//      not follow; a deep link survives a logout and sign-in lands on it;
//   5. the 述职 sheet on A4: nothing wider than the page in print media, every chart whole;
//   6. a favicon.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from './browser.ts';
import { PASSWORD, startTestBank, type TestBank } from './bank.ts';
import { ARTIFACTS, login, screenshot, settled, where } from './pages.ts';

let bank: TestBank;
let browser: LaunchedBrowser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  bank = await startTestBank({ scale: 1200, seed: 11 });
  page = await browser.context.newPage();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await bank?.stop();
});

const cells = (table: string, key: string) => page.locator(`[data-testid="${table}"] tbody td[data-key="${key}"]`).allInnerTexts();

describe('the league at a glance', () => {
  it('shows every manager\'s base, target and achievement in the default month view, by elapsed time', async () => {
    await login(page, bank.url, bank.users.branch_president);
    expect(where(page)).toBe(`/org/${bank.subjects.branch.org_id}/managers`);
    // 2025-09: 273 of 365 days gone.
    await expect(page.locator('[data-testid="pace-note"]').innerText()).resolves.toContain('74.79%');
    const showAll = page.locator('[data-testid="league-table"] [data-testid="show-all"]');
    if ((await showAll.count()) > 0) await showAll.click();
    const names = await cells('league-table', 'manager_name');
    expect(names.length).toBeGreaterThan(1);
    for (const key of ['profit_contribution_base', 'profit_contribution_target', 'profit_contribution_achievement', 'profit_contribution_ytd']) {
      const shown = await cells('league-table', key);
      expect(shown.length, key).toBe(names.length);
      for (const s of shown) expect(s, key).toMatch(/^-?[\d,]+\.\d{2}%?$/);
    }
    // The same figures as the API's, which reads them from mart_month_pace.
    const api = await page.evaluate(async (org) => {
      const res = await fetch(`/api/orgs/${org}/managers?page_size=500`);
      return ((await res.json()) as { rows: { manager_name: string; profit_contribution_achievement: string }[] }).rows;
    }, bank.subjects.branch.org_id);
    const achievements = await cells('league-table', 'profit_contribution_achievement');
    for (const [i, name] of names.entries()) {
      const r = api.find((x) => x.manager_name === name)!;
      expect(Math.abs(Number(achievements[i]!.replace(/[%,]/g, '')) - Number(r.profit_contribution_achievement) * 100)).toBeLessThan(0.0051);
    }
  });

  it('shows the main indicators of the schemes in force beside profit contribution: figure and achievement by elapsed time, numbers not —', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, bank.url, bank.users.branch_president);
    await settled(page);
    const showAll = page.locator('[data-testid="league-table"] [data-testid="show-all"]');
    if ((await showAll.count()) > 0) await showAll.click();
    type Answer = { meta: { indicators: { metric: string; label_zh: string }[] }; rows: Record<string, string | null>[] };
    const api = await page.evaluate(async (org) => (await (await fetch(`/api/orgs/${org}/managers?page_size=500`)).json()) as Answer, bank.subjects.branch.org_id);
    // The sub-branch has managers of both lines: both schemes' main indicators (the API chose them
    // by contract/main-indicators.ts; tests/api/league-indicators.test.ts checks the choice by hand).
    const indicators = api.meta.indicators;
    expect(indicators.length).toBeGreaterThanOrEqual(2);
    // Headed with the schemes' own names, after the score and before where the manager sits.
    const headers = (await page.locator('[data-testid="league-table"] thead th').allInnerTexts()).map((h) => h.replace(/[▲▼]/g, '').replace(/ \(.+\)$/, '').trim());
    const first = headers.indexOf(indicators[0]!.label_zh);
    expect(first, headers.join('|')).toBeGreaterThan(headers.indexOf('同组排名'));
    expect(headers.indexOf('条线')).toBeGreaterThan(first);
    const names = await cells('league-table', 'manager_name');
    const number = /^-?[\d,]+(\.\d+)?%?$/;
    let paced = 0;
    for (const ind of indicators) {
      expect(headers, ind.metric).toContain(ind.label_zh);
      // The figure: a number wherever the API has one ("—" only for a ratio with nothing under it,
      // e.g. the NPL ratio of a manager without loans), and a number for some manager in any case.
      const figures = await cells('league-table', ind.metric);
      expect(figures.length, ind.metric).toBe(names.length);
      for (const [i, name] of names.entries()) {
        const v = api.rows.find((r) => r.manager_name === name)![ind.metric];
        expect(figures[i], `${ind.metric} ${name}`).toMatch(v === null ? /^—$/ : number);
      }
      expect(figures.some((t) => number.test(t)), ind.metric).toBe(true);
      // Its achievement, by elapsed time in a month (the year to date against the annual target),
      // where the targets file sets one: the API's figure as a percentage.
      const key = `achievement__${ind.metric}`;
      if (!api.rows.some((r) => r[key] !== null)) continue;
      expect(headers).toContain(`${ind.label_zh}序时完成率`);
      const shown = await cells('league-table', key);
      for (const [i, name] of names.entries()) {
        const v = api.rows.find((r) => r.manager_name === name)![key];
        if (v === null) expect(shown[i]).toBe('—');
        else expect(Math.abs(Number(shown[i]!.replace(/[%,]/g, '')) - Number(v) * 100), `${key} ${name}`).toBeLessThan(0.0051);
      }
      if (shown.every((t) => number.test(t))) paced += 1;
    }
    // At least one indicator against its target for every manager, none of them "—".
    expect(paced).toBeGreaterThan(0);
    await screenshot(page, 'league-indicators');
  });

  for (const width of [1440, 1024]) {
    it(`clips nothing at ${width} px: the page does not scroll sideways, the figures a president looks for are in view`, async () => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${bank.url}/org/${bank.subjects.branch.org_id}/managers`);
      await settled(page);
      await screenshot(page, `league-${width}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const box = await page.locator('[data-testid="league-table"] .scroll').boundingBox();
      for (const key of ['profit_contribution_base', 'profit_contribution_target', 'profit_contribution_achievement']) {
        const cell = await page.locator(`[data-testid="league-table"] tbody td[data-key="${key}"]`).first().boundingBox();
        expect(cell!.x + cell!.width, key).toBeLessThanOrEqual(box!.x + box!.width + 1);
      }
      // Wider than its box: the hint says so, and the name column stays while the rest scrolls.
      const overflowing = await page.locator('[data-testid="league-table"] .scroll').evaluate((el) => el.scrollWidth > el.clientWidth + 1);
      expect(await page.locator('[data-testid="league-table"] [data-testid="scroll-hint"]').count()).toBe(overflowing ? 1 : 0);
      if (overflowing) {
        await page.locator('[data-testid="league-table"] .scroll').evaluate((el) => el.scrollBy(400, 0));
        const first = await page.locator('[data-testid="league-table"] tbody td[data-key="manager_name"]').first().boundingBox();
        expect(first!.x).toBeGreaterThanOrEqual(box!.x - 1);
      }
    });
  }
});

describe('the manager and institution tiles in a month', () => {
  it('show the year to date against the target by elapsed time (序时), not — for target and achievement', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, bank.url, bank.users.branch_president);
    for (const [path, api] of [
      [`/manager/${bank.subjects.manager.manager_id}`, `/api/managers/${bank.subjects.manager.manager_id}`],
      [`/org/${bank.subjects.branch.org_id}`, `/api/orgs/${bank.subjects.branch.org_id}`],
    ] as const) {
      await page.goto(bank.url + path);
      await settled(page);
      const tile = page.locator('.tile[data-metric="profit_contribution"]');
      await expect(tile.locator('dt').allInnerTexts()).resolves.toEqual(expect.arrayContaining(['年初至今', '序时任务', '序时完成率']));
      // The API's pace (mart_month_pace), in the tile's unit and as a percentage with one decimal.
      const m = await page.evaluate(async (u) => ((await (await fetch(u)).json()) as { metrics: { metric: string; pace_target: string; pace_achievement: string }[] }).metrics.find((x) => x.metric === 'profit_contribution')!, api);
      const achievement = await tile.locator('[data-testid="tile-achievement"]').innerText();
      expect(achievement, path).toBe(`${(Number(m.pace_achievement) * 100).toFixed(1)}%`);
      const target = await tile.locator('[data-testid="tile-target"]').innerText();
      expect(target, path).toMatch(/^[\d,]+\.\d{2} (万元|亿元)$/);
      const [n, unit] = target.split(' ');
      expect(Math.abs(Number(n!.replace(/,/g, '')) * (unit === '亿元' ? 1e8 : 1e4) - Number(m.pace_target)), path).toBeLessThanOrEqual(unit === '亿元' ? 5e5 : 50);
    }
  });

  it('show the main indicators of the scheme in force beside the profit split, as the card names them', async () => {
    await login(page, bank.url, bank.users.branch_president);
    const id = bank.subjects.manager.manager_id;
    await page.goto(`${bank.url}/manager/${id}`);
    await settled(page);
    const answer = await page.evaluate(async (m) => (await (await fetch(`/api/managers/${m}`)).json()) as { metrics: { metric: string; pace_target?: string | null }[]; scorecard: { indicators: { metric: string; weight: string; label_zh: string | null }[] } | null }, id);
    expect(answer.scorecard, 'the demo bank scores every manager').not.toBeNull();
    // The card's indicators by weight (largest first, card order among equals), those with a figure
    // and not already a profit tile, at most four.
    const split = ['profit_contribution', 'loan_spread', 'deposit_spread', 'fee_income'];
    const figures = new Set(answer.metrics.map((f) => f.metric));
    const main = answer.scorecard!.indicators
      .map((ind, i) => ({ ind, i }))
      .sort((a, b) => Number(b.ind.weight) - Number(a.ind.weight) || a.i - b.i)
      .map(({ ind }) => ind)
      .filter((ind, i, all) => figures.has(ind.metric) && !split.includes(ind.metric) && all.findIndex((x) => x.metric === ind.metric) === i)
      .slice(0, 4);
    expect(main.length).toBeGreaterThan(0);
    const tiles = page.locator('.tiles').first().locator('.tile'); // the headline (process and risk have tiles below)
    expect(await tiles.evaluateAll((els) => els.map((e) => e.getAttribute('data-metric')))).toEqual([...split, ...main.map((ind) => ind.metric)]);
    expect((await tiles.locator('.name').allInnerTexts()).slice(split.length)).toEqual(main.map((ind) => ind.label_zh));
    // Each, in a month, against its target by elapsed time where the targets file sets one.
    const paced = main.filter((ind) => answer.metrics.find((f) => f.metric === ind.metric)?.pace_target != null);
    expect(paced.length).toBeGreaterThan(0);
    for (const ind of paced) expect(await page.locator(`.tile[data-metric="${ind.metric}"] dt`).allInnerTexts()).toContain('序时完成率');
  });

  it('an institution page: profit contribution first, then the main indicators of the schemes in force (the API\'s choice)', async () => {
    await login(page, bank.url, bank.users.branch_president);
    const org = bank.subjects.branch.org_id;
    await page.goto(`${bank.url}/org/${org}`);
    await settled(page);
    const answer = await page.evaluate(async (o) => (await (await fetch(`/api/orgs/${o}`)).json()) as { indicators: { metric: string }[] }, org);
    // a sub-branch: its own institution card's (tests/api/league-indicators.test.ts checks the choice by hand)
    expect(answer.indicators.length).toBeGreaterThan(0);
    const tiles = page.locator('.tiles').first().locator('.tile');
    expect(await tiles.evaluateAll((els) => els.map((e) => e.getAttribute('data-metric')))).toEqual(['profit_contribution', ...answer.indicators.map((i) => i.metric)]);
    // each with its figure, not "—"
    for (const text of await tiles.locator('[data-testid="tile-actual"]').allInnerTexts()) expect(text).toMatch(/\d/);
  });
});

describe('names, not codes, and links to the people behind a loan', () => {
  it('a migration cell\'s loans and the loans behind the ranking show names and link the client and both managers', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, bank.url, bank.users.head_office);
    const org = bank.rootOrgId;
    // A migration cell with loans that changed class (the API's matrix of the default period).
    const cell = await page.evaluate(async (o) => {
      const { rows } = (await (await fetch(`/api/orgs/${o}/risk/migration`)).json()) as { rows: { from_class: string; to_class: string; loans: string | number }[] };
      return rows.find((r) => r.from_class !== r.to_class && r.from_class !== 'new' && r.to_class !== 'closed' && Number(r.loans) > 0) ?? rows.find((r) => Number(r.loans) > 0)!;
    }, org);
    await page.goto(`${bank.url}/org/${org}/risk?drill=migration:${cell.from_class}:${cell.to_class}`);
    await settled(page);
    const loans = page.locator('[data-testid="drill-loans"]');
    await expect.poll(() => loans.locator('tbody tr').count()).toBeGreaterThan(0);
    // The holder's org by name (its code only on hover), no code column.
    expect(await loans.locator('td[data-key="holder_org_id"]').count()).toBe(0);
    const orgNames = await loans.locator('td[data-key="holder_org_name"]').allInnerTexts();
    expect(orgNames.length).toBeGreaterThan(0);
    for (const name of orgNames) expect(name).toMatch(/[\u4e00-\u9fff]/);
    expect(await loans.locator('td[data-key="holder_org_name"] [title]').first().getAttribute('title')).toMatch(/^\d+$/);
    // Client and holder link to their pages.
    expect(await loans.locator('td[data-key="client_name"] a[href^="/client/"]').count()).toBeGreaterThan(0);
    expect(await loans.locator('td[data-key="manager_name"] a[href^="/manager/"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'migration-cell-loans');
    // The early warnings below: the holder's org by name too.
    const warnings = page.locator('[data-testid="risk-warnings"]');
    await expect.poll(() => warnings.locator('tbody td[data-key="holder_org_name"]').count()).toBeGreaterThan(0);
    expect(await warnings.locator('td[data-key="holder_org_id"]').count()).toBe(0);

    // The loans behind the ranking (the year to date: loans turned NPL in the bank's nine months):
    // holder and originator both link to their managers.
    await page.goto(`${bank.url}/org/${org}/risk?period=2025-09-ytd&drill=all`);
    await settled(page);
    await expect.poll(() => loans.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await loans.locator('td[data-key="manager_name"] a[href^="/manager/"]').count()).toBeGreaterThan(0);
    expect(await loans.locator('td[data-key="originating_manager_name"] a[href^="/manager/"]').count()).toBeGreaterThan(0);
    expect(await loans.locator('td[data-key="client_name"] a[href^="/client/"]').count()).toBeGreaterThan(0);
    const href = await loans.locator('td[data-key="originating_manager_name"] a').first().getAttribute('href');
    await loans.locator('td[data-key="originating_manager_name"] a').first().click();
    await page.waitForURL((u) => u.pathname === new URL(href!, bank.url).pathname);
    await settled(page);
    await expect(page.locator('[data-testid="manager-name"]').getAttribute('data-primary')).resolves.toBe(decodeURIComponent(new URL(href!, bank.url).pathname.split('/')[2]!));

    // A risk officer may open clients but no manager's card: the names stay, without a link.
    await login(page, bank.url, bank.users.risk_officer);
    await page.goto(`${bank.url}/org/${bank.subjects.region.org_id}/risk?period=2025-09-ytd&drill=all`);
    await settled(page);
    await expect.poll(() => loans.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await loans.locator('a[href^="/manager/"]').count()).toBe(0);
    expect(await loans.locator('td[data-key="client_name"] a[href^="/client/"]').count()).toBeGreaterThan(0);
    expect((await loans.locator('td[data-key="manager_name"]').allInnerTexts()).some((t) => /[\u4e00-\u9fff]/.test(t))).toBe(true);
  });

  it('the client page lists the managers over time with their org by name', async () => {
    await login(page, bank.url, bank.users.branch_president);
    const client = await page.evaluate(async (m) => ((await (await fetch(`/api/managers/${m}/clients?page_size=1`)).json()) as { rows: { client_id: string }[] }).rows[0]!.client_id, bank.subjects.manager.manager_id);
    await page.goto(`${bank.url}/client/${client}`);
    await settled(page);
    const holders = page.locator('[data-testid="client-holders"]');
    expect(await holders.locator('td[data-key="org_id"], td[data-key="manager_id"]').count()).toBe(0);
    const orgs = await holders.locator('td[data-key="org_name"]').allInnerTexts();
    expect(orgs.length).toBeGreaterThan(0);
    for (const o of orgs) expect(o).toMatch(/[\u4e00-\u9fff]/);
    expect(await holders.locator('td[data-key="manager_name"] a[href^="/manager/"]').count()).toBe(orgs.length);
  });
});

describe('the heat map at 1024 px', () => {
  it('keeps its colour legend clear of the 万元 unit label, and the unit clear of every other text', async () => {
    await page.setViewportSize({ width: 1024, height: 900 });
    await login(page, bank.url, bank.users.head_office);
    type Box = { text: string; x: number; y: number; width: number; height: number };
    const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    for (const path of [`/org/${bank.rootOrgId}`, `/org/${bank.subjects.branch.org_id}`]) {
      await page.goto(bank.url + path);
      await settled(page);
      const chart = page.locator('[data-testid="heatmap"] .chart');
      await chart.scrollIntoViewIfNeeded();
      // Drawn: the chart is up and its option set (the legend's texts are there).
      await page.waitForFunction(() =>
        ((document.querySelector('[data-testid="heatmap"] .chart') as HTMLElement & { chartTexts?: () => { text: string }[] })?.chartTexts?.() ?? []).some((x) => x.text === 'P100'),
      );
      const texts = await chart.evaluate((el) => (el as HTMLElement & { chartTexts(): Box[] }).chartTexts());
      const size = (await chart.boundingBox())!;
      const units = texts.filter((x) => x.text.includes('万元'));
      expect(units.length, path).toBe(1);
      const unit = units[0]!;
      // The legend: P0 … colour bar … P100, one band from the first text to the last.
      const legend = texts.filter((x) => x.text === 'P0' || x.text === 'P100');
      expect(legend.length, path).toBe(2);
      const left = Math.min(...legend.map((b) => b.x));
      const top = Math.min(...legend.map((b) => b.y));
      const band = { text: 'legend', x: left, y: top, width: Math.max(...legend.map((b) => b.x + b.width)) - left, height: Math.max(...legend.map((b) => b.y + b.height)) - top };
      expect(overlaps(unit, band), path).toBe(false);
      for (const other of texts) if (other !== unit) expect(overlaps(unit, other), `${path}: ${other.text}`).toBe(false);
      expect(unit.x >= 0 && unit.y >= 0 && unit.x + unit.width <= size.width && unit.y + unit.height <= size.height, path).toBe(true);
    }
    await screenshot(page, 'heatmap-1024');
  });
});

describe('no dead ends', () => {
  it('shows one clear message and no spinner for a manager out of scope or unknown', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await login(page, bank.url, bank.users.head_office);
    const other = await page.evaluate(async (org) => {
      const res = await fetch(`/api/orgs/${org}/managers?page_size=1`);
      return ((await res.json()) as { rows: { manager_id: string }[] }).rows[0]!.manager_id;
    }, bank.subjects.otherBranch!.org_id);
    await login(page, bank.url, bank.users.branch_president);
    for (const id of [other, 'NO-SUCH-MANAGER']) {
      await page.goto(`${bank.url}/manager/${id}`);
      await page.waitForTimeout(2000);
      expect(await page.locator('[role="alert"]').count(), id).toBe(1);
      expect(await page.locator('[aria-busy="true"], [data-state="loading"]').count(), id).toBe(0);
    }
    await screenshot(page, 'manager-out-of-scope');
  });

  it('draws no link a role may not follow: a risk officer\'s ranking, a manager\'s breadcrumb', async () => {
    await login(page, bank.url, bank.users.risk_officer);
    await expect.poll(() => page.locator('[data-testid="turned-npl-table"] tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('a[href^="/manager/"], a[href^="/org/"][href$="/managers"]').count()).toBe(0);
    expect(await page.locator('.breadcrumb a').count()).toBe(0); // the institution page is not theirs
    await login(page, bank.url, bank.users.manager);
    expect(await page.locator('.breadcrumb a').count()).toBe(0);
    expect(await page.locator('a[href^="/org/"]').count()).toBe(0);
  });

  it('keeps a deep link through a logout: sign-in lands on it, with no nested next=', async () => {
    await login(page, bank.url, bank.users.branch_president);
    await page.locator('[data-testid="logout"]').click();
    await page.waitForURL((u) => u.pathname === '/login');
    const deep = `/manager/${bank.subjects.manager.manager_id}?period=2025-08`;
    await page.goto(bank.url + deep);
    await page.waitForURL((u) => u.pathname === '/login');
    await settled(page);
    await page.waitForTimeout(500); // every 401 of the page's loads has arrived
    const next = new URL(page.url()).searchParams.get('next');
    expect(next).toBe(deep);
    await page.fill('input[name=username]', bank.users.branch_president);
    await page.fill('input[name=password]', PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/manager/')), page.click('button[type=submit]')]);
    expect(where(page)).toBe(deep);
  });
});

describe('benchmarking for head office', () => {
  it('puts every sub-branch side by side, filters by level, parent and size, and the scatter drills to one', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, bank.url, bank.users.head_office);
    await page.locator('nav a[data-nav="nav_peers"]').click();
    await page.waitForURL((u) => u.pathname.endsWith('/peers'));
    await settled(page);
    const org = where(page).split('/')[2]!;
    const api = async (query: string) =>
      page.evaluate(async ([o, q]) => ((await (await fetch(`/api/orgs/${o}/peers?page_size=500&${q}`)).json()) as { rows: Record<string, string | number | null>[] }).rows, [org, query] as const);
    const all = await api('');
    expect(all.length).toBeGreaterThan(1);
    expect(new Set(all.map((r) => r.level))).toEqual(new Set(['sub_branch']));
    expect(await page.locator('[data-testid="peers-table"] tbody tr').count()).toBe(Math.min(all.length, 50));
    // Every row has its target and achievement (a month: by elapsed time) and a per-manager percentile.
    for (const key of ['profit_contribution_achievement', 'profit_contribution_per_manager_percentile']) {
      for (const s of await cells('peers-table', key)) expect(s, key).toMatch(/^[\d,]+\.\d{2}%$/);
    }
    // NPL-ratio changes are in percentage points.
    for (const s of await cells('peers-table', 'npl_ratio_growth')) expect(s).toMatch(/^(—|[+-]?[\d.]+ 个百分点)$/);
    await screenshot(page, 'peers-1440');
    // A parent, then the large third by staff: the table is the API's rows for the same filters.
    const parent = String(all[0]!.parent_id);
    await page.selectOption('[data-testid="peer-parent"]', parent);
    await page.waitForURL((u) => u.searchParams.get('parent') === parent);
    await page.selectOption('[data-testid="peer-size"]', 'large');
    await page.waitForURL((u) => u.searchParams.get('size') === 'large');
    await settled(page);
    const large = await api(`parent_id=${parent}&size=large`);
    expect((await cells('peers-table', 'org_name')).sort()).toEqual(large.map((r) => String(r.org_name)).sort());
    // The scatter: a click on a point opens that node.
    await page.goto(`${bank.url}/org/${org}/peers`);
    await settled(page);
    const chart = page.locator('[data-testid="peers-scatter"] .chart');
    await chart.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => !!(document.querySelector('[data-testid="peers-scatter"] .chart') as HTMLElement & { chartPixel?: unknown })?.chartPixel);
    const target = all.find((r) => r.profit_contribution_per_manager !== null && r.npl_ratio !== null)!;
    const [x, y] = await chart.evaluate(
      (el, v) => (el as HTMLElement & { chartPixel(v: number[]): number[] }).chartPixel(v),
      [Number(target.profit_contribution_per_manager) / 1e4, Number(target.npl_ratio) * 100],
    );
    await chart.click({ position: { x: x!, y: y! } });
    await page.waitForURL((u) => u.pathname.startsWith('/org/') && !u.pathname.endsWith('/peers'));
    // Two nodes can share a point; the one opened is one drawn there.
    const opened = new URL(page.url()).pathname.split('/')[2]!;
    const here = all.filter((r) => r.profit_contribution_per_manager === target.profit_contribution_per_manager && r.npl_ratio === target.npl_ratio).map((r) => r.org_id);
    expect(here).toContain(opened);
  });

  it('is in head office\'s navigation only; every page has the favicon', async () => {
    await login(page, bank.url, bank.users.branch_president);
    expect(await page.locator('nav a[data-nav="nav_peers"]').count()).toBe(0);
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    const res = await page.request.get(bank.url + icon);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('image/svg+xml');
  });
});

describe('the 述职 review sheet on A4', () => {
  it('prints to an A4 PDF with nothing wider than the page, every table whole and every chart whole', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, bank.url, bank.users.manager);
    // Let every section below the scorecard load and every chart draw on screen first.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await settled(page);
    await page.waitForTimeout(500);
    expect(await page.locator('.chart canvas').count()).toBeGreaterThanOrEqual(2); // the waterfall and the trend at least
    // Measured inside Chromium's own print layout: page.pdf() switches the page to print media at
    // the A4 page's width, and the page's listener reads the layout then (not a resized screen).
    await page.evaluate(() => {
      const w = window as unknown as { printed?: unknown };
      matchMedia('print').addEventListener('change', (e) => {
        if (!e.matches) return;
        const width = document.documentElement.clientWidth;
        const wide: string[] = [];
        let bottom = 0;
        for (const el of document.querySelectorAll('body *')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue;
          bottom = Math.max(bottom, r.bottom + window.scrollY);
          if (r.right > width + 1 || r.left < -1) wide.push(`${el.tagName}.${[...el.classList].join('.')} ${Math.round(r.left)}–${Math.round(r.right)}`);
        }
        w.printed = {
          width,
          height: bottom, // the printed content's height, laid out at the page's width
          wide,
          // a table cut at the margin would scroll inside its box, or reach past the page
          tables: [...document.querySelectorAll('.table-block')].map((b) => {
            const box = b.querySelector('.scroll')!;
            return { overflow: box.scrollWidth - box.clientWidth, right: b.querySelector('table')!.getBoundingClientRect().right };
          }),
          // a chart drawn whole is scaled to its box keeping the drawing's proportions (one cut at the
          // margin keeps its width and loses its right-hand bars and months)
          charts: [...document.querySelectorAll('.chart canvas')].map((c) => {
            const r = c.getBoundingClientRect();
            const canvas = c as HTMLCanvasElement;
            return { drawn: canvas.width / canvas.height, shown: r.width / r.height, right: r.right };
          }),
        };
      });
    });
    const pdf = await page.pdf({ path: `${ARTIFACTS}/review-sheet-a4.pdf`, format: 'A4' });
    const printed = (await page.evaluate(() => (window as unknown as { printed?: unknown }).printed)) as {
      width: number;
      height: number;
      wide: string[];
      tables: { overflow: number; right: number }[];
      charts: { drawn: number; shown: number; right: number }[];
    };
    // A4 portrait less the sheet's 12 mm side margins (print.css @page): 186 mm = 703 CSS px.
    expect(printed.width).toBe(Math.round((186 / 25.4) * 96));
    expect(printed.wide).toEqual([]);
    expect(printed.tables.length).toBeGreaterThanOrEqual(1); // the scorecard's indicators at least
    for (const t of printed.tables) {
      expect(t.overflow).toBeLessThanOrEqual(0);
      expect(t.right).toBeLessThanOrEqual(printed.width + 1);
    }
    expect(printed.charts.length).toBeGreaterThanOrEqual(2);
    for (const c of printed.charts) {
      expect(Math.abs(c.drawn - c.shown) / c.drawn).toBeLessThan(0.02);
      expect(c.right).toBeLessThanOrEqual(printed.width + 1);
    }
    // The PDF: A4 portrait pages (595 × 842 pt), as many as the printed height needs — each page
    // holds 297 − 2 × 14 mm = 269 mm = 1,016 px — and at most twice that (sections kept whole move
    // to the next page, never one page each).
    const text = pdf.toString('latin1');
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const pages = (text.match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;
    expect(boxes.length).toBeGreaterThan(0);
    for (const [w, h] of boxes) {
      expect(Math.abs(w! - 595.28)).toBeLessThan(1.5);
      expect(Math.abs(h! - 841.89)).toBeLessThan(1.5);
    }
    const needed = Math.ceil(printed.height / Math.floor((269 / 25.4) * 96));
    expect(pages).toBeGreaterThanOrEqual(needed);
    expect(pages).toBeLessThanOrEqual(2 * needed);
  });
});

describe('every page at 1440 and 1024 px', () => {
  it('draws each page without sideways page scroll, screenshot kept (web/README.md lists them)', async () => {
    const s = bank.subjects;
    const client = await (async () => {
      await login(page, bank.url, bank.users.branch_president);
      return page.evaluate(async (m) => ((await (await fetch(`/api/managers/${m}/clients?page_size=1`)).json()) as { rows: { client_id: string }[] }).rows[0]!.client_id, s.manager.manager_id);
    })();
    const pages: [string, string, string][] = [
      ['login', '', '/login'],
      ['institution', bank.users.head_office, `/org/${bank.rootOrgId}`],
      ['peers', bank.users.head_office, `/org/${bank.rootOrgId}/peers`],
      ['league', bank.users.branch_president, `/org/${s.branch.org_id}/managers`],
      ['manager', bank.users.branch_president, `/manager/${s.manager.manager_id}`],
      ['client', bank.users.branch_president, `/client/${client}`],
      ['risk', bank.users.risk_officer, `/org/${s.region.org_id}/risk`],
    ];
    for (const width of [1440, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [name, user, path] of pages) {
        if (user) await login(page, bank.url, user);
        else await page.context().clearCookies();
        await page.goto(bank.url + path);
        await settled(page);
        await page.waitForTimeout(300); // charts drawn after the first paint
        await screenshot(page, `screens/${name}-${width}`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} ${width}`).toBeLessThanOrEqual(width);
      }
    }
  });
});
