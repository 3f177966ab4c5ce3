// Web benchmark (npm run bench:web): the dashboard's JS weight and its speed in real Chromium on
// the demo bank.
//   1. JS for the first page: every script the browser fetches to show the login page and the
//      head office's landing page, gzipped (level 6, as a server would). Budget 350 KB.
//   2. Each page interactive (navigation start → every loading state settled and charts drawn): < 1.5 s.
//   3. Each drill-down click answered (click → the next page shows its primary figures): < 300 ms;
//      and complete (every section of it settled), reported against the page budget.
// Times are read from the page's own clock (performance.now()), so they are measured in the browser
// and leave out the test driver's round trips.
// Reference measured in the same run: the login page (no data, no charts); ratios are page / reference.
//
//   npm run bench:web                           generate, load and build the demo bank first (minutes)
//   npm run bench:web -- --db data/jixiao.duckdb --truth data/demo/truth.json   reuse a built warehouse
//   options: --runs N (default 5)
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../tests/web/browser.ts';
import { serveBank, startTestBank, type TestBank, type Truth } from '../tests/web/bank.ts';
import { login, settled } from '../tests/web/pages.ts';

const BUDGET_KB = 350;
const PAGE_MS = 1500;
const CLICK_MS = 300;

const { values } = parseArgs({ options: { db: { type: 'string' }, truth: { type: 'string' }, runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const say = (s: string) => process.stderr.write(s + '\n');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function openBank(): Promise<TestBank> {
  if (values.db) {
    const truth: Truth = values.truth ? JSON.parse(readFileSync(values.truth, 'utf8')) : { cohorts: { bad_risk_managers: { manager_ids: [] } } };
    return serveBank({ dbPath: values.db, workDir: mkdtempSync(join(tmpdir(), 'jixiao-bench-web-')), truth, log: say });
  }
  say('generating, loading and building the demo bank (this takes minutes)…');
  return startTestBank({ scale: 'demo', from: '2025-01', to: '2026-06', seed: 1, log: say });
}

/**
 * In the page: no loading state left and every chart has its canvas. Installed in every page as
 * window.__ready by an init script (the driver's, not subject to the page's Content-Security-
 * Policy, which refuses rebuilding a function from text with `new Function` or `eval`).
 */
function installReady(): void {
  (window as unknown as { __ready(): boolean }).__ready = () =>
    !!document.querySelector('#main, .login') &&
    !document.querySelector('[data-state="loading"], [aria-busy="true"]') &&
    [...document.querySelectorAll('.chart')].every((c) => c.querySelector('canvas'));
}
type Ready = { __ready(): boolean; __t0: number };

/**
 * Time from navigation start to a settled page with its charts drawn, measured in the browser:
 * the page's own clock (performance.now() counts from navigation start) read at the moment the
 * condition first holds.
 */
async function timeGoto(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const at = await page.waitForFunction(() => (window as unknown as Ready).__ready() && performance.now(), undefined, { timeout: 30_000, polling: 'raf' });
  return (await at.jsonValue()) as number;
}

/**
 * A click on a link, timed in the browser from the click: `answered` = the next page shows its
 * primary figures (its element marked data-primary with the new subject's id), `complete` = every
 * section of it settled and its charts drawn.
 */
async function timeClick(page: Page, selector: string, subjectId: string): Promise<{ answered: number; complete: number }> {
  await page.locator(selector).first().waitFor();
  await page.evaluate((sel) => {
    const w = window as unknown as { __t0: number };
    const a = document.querySelector<HTMLElement>(sel)!;
    w.__t0 = performance.now();
    a.click();
  }, selector);
  return inPageSince(page, `[data-primary="${subjectId}"]`);
}

async function inPageSince(page: Page, primary: string): Promise<{ answered: number; complete: number }> {
  const answered = await page.waitForFunction((sel) => !!document.querySelector(sel) && performance.now() - (window as unknown as { __t0: number }).__t0, primary, { timeout: 30_000, polling: 1 });
  const complete = await page.waitForFunction(() => (window as unknown as Ready).__ready() && performance.now() - (window as unknown as Ready).__t0, undefined, { timeout: 30_000, polling: 'raf' });
  return { answered: (await answered.jsonValue()) as number, complete: (await complete.jsonValue()) as number };
}

const bank = await openBank();
const browser = await launchBrowser();
const results: { what: string; ms: number[]; budget: number }[] = [];
let firstPageJs = { files: 0, raw: 0, gzip: 0 };
try {
  await browser.context.addInitScript(installReady);
  const page = await browser.context.newPage();
  // 1. JS of the first page, measured from what the browser actually fetched.
  const fetched = new Set<string>();
  page.on('response', (r) => {
    if (r.url().endsWith('.js')) fetched.add(new URL(r.url()).pathname);
  });
  await login(page, bank.url, bank.users.head_office);
  await page.waitForFunction(() => [...document.querySelectorAll('.chart')].every((c) => c.querySelector('canvas')));
  const dist = join(bank.dir, 'web-dist');
  for (const p of fetched) {
    const buf = readFileSync(join(dist, p));
    firstPageJs.files++;
    firstPageJs.raw += buf.length;
    firstPageJs.gzip += gzipSync(buf, { level: 6 }).length;
  }
  const allJs = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js')).reduce((s, f) => s + statSync(join(dist, 'assets', f)).size, 0);

  // 2. Pages, warm (the second and later loads use the browser cache like a user's day).
  const s = bank.subjects;
  const firstClient = await page.evaluate(async (m) => {
    const r = await fetch(`/api/managers/${m}/clients?page_size=1&sort=profit_contribution`);
    return ((await r.json()) as { rows: { client_id: string }[] }).rows[0]?.client_id ?? null;
  }, s.manager.manager_id);
  const pages: [string, string][] = [
    ['reference: login page', '/login'],
    ['institution: head office', `/org/${bank.rootOrgId}`],
    ['institution: sub-branch', `/org/${s.branch.org_id}`],
    ['benchmarking: head office, every sub-branch', `/org/${bank.rootOrgId}/peers`],
    ['managers: league (head office, all managers)', `/org/${bank.rootOrgId}/managers`],
    ['managers: league (sub-branch)', `/org/${s.branch.org_id}/managers`],
    ['manager: scorecard and portfolio', `/manager/${s.manager.manager_id}`],
    ...(firstClient ? ([['client', `/client/${firstClient}`]] as [string, string][]) : []),
    ['risk: head office', `/org/${bank.rootOrgId}/risk`],
  ];
  for (const [what, path] of pages) {
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      if (path === '/login') await page.context().clearCookies();
      ms.push(await timeGoto(page, bank.url + path));
      if (path === '/login') await login(page, bank.url, bank.users.head_office);
    }
    results.push({ what, ms, budget: PAGE_MS });
    say(`${what}: median ${median(ms).toFixed(0)} ms`);
  }

  // 3. Drill-down clicks: head office → child → … → sub-branch → managers → manager → client.
  const path = await page.evaluate(async (branch) => {
    const rows = ((await (await fetch('/api/orgs')).json()) as { rows: { org_id: string; parent_id: string | null }[] }).rows;
    const byId = new Map(rows.map((r) => [r.org_id, r]));
    const out: string[] = [];
    for (let cur = byId.get(branch); cur && cur.parent_id; cur = byId.get(cur.parent_id)) out.unshift(cur.org_id);
    return out;
  }, s.branch.org_id);
  const clicks: Record<string, { answered: number[]; complete: number[] }> = {};
  const add = (k: string, v: { answered: number; complete: number }) => {
    const c = (clicks[k] ??= { answered: [], complete: [] });
    c.answered.push(v.answered);
    c.complete.push(v.complete);
  };
  for (let i = 0; i < runs; i++) {
    await timeGoto(page, `${bank.url}/org/${bank.rootOrgId}`);
    for (const org of path) add('institution → child institution', await timeClick(page, `[data-testid="children-table"] tbody a[href^="/org/${org}"]`, org));
    add('institution → its managers', await timeClick(page, `h1 a[href^="/org/${s.branch.org_id}/managers"]`, s.branch.org_id));
    add('league → manager', await timeClick(page, `[data-testid="league-table"] tbody a[href^="/manager/${s.manager.manager_id}"]`, s.manager.manager_id));
    const clientId = decodeURIComponent(/\/client\/([^?]+)/.exec((await page.locator('[data-testid="clients-table"] tbody a').first().getAttribute('href')) ?? '')?.[1] ?? '');
    add('manager → client', await timeClick(page, '[data-testid="clients-table"] tbody a', clientId));
    await page.evaluate(() => {
      (window as unknown as { __t0: number }).__t0 = performance.now();
      history.back();
    });
    const back = await inPageSince(page, `[data-primary="${s.manager.manager_id}"]`);
    add('Back (client → manager)', back);
  }
  for (const [what, ms] of Object.entries(clicks)) {
    results.push({ what: `click: ${what} — answered`, ms: ms.answered, budget: CLICK_MS });
    results.push({ what: `click: ${what} — complete`, ms: ms.complete, budget: PAGE_MS });
    say(`click ${what}: answered median ${median(ms.answered).toFixed(0)} ms, complete ${median(ms.complete).toFixed(0)} ms`);
  }

  // Report (markdown, for BENCHMARKS.md).
  const ref = median(results[0]!.ms);
  const kb = (n: number) => (n / 1024).toFixed(1);
  const lines = [
    `First page JS: ${firstPageJs.files} files, ${kb(firstPageJs.raw)} KB raw, **${kb(firstPageJs.gzip)} KB gzipped** (budget ${BUDGET_KB} KB) — ${firstPageJs.gzip / 1024 <= BUDGET_KB ? 'within' : 'OVER'}; all JS of the build: ${kb(allJs)} KB raw.`,
    '',
    `| measure (${runs} runs, warm cache) | median ms | max ms | budget ms | ratio to reference | within |`,
    '|---|---:|---:|---:|---:|---|',
    ...results.map((r) => `| ${r.what} | ${median(r.ms).toFixed(0)} | ${Math.max(...r.ms).toFixed(0)} | ${r.budget} | ${(median(r.ms) / ref).toFixed(2)} | ${median(r.ms) <= r.budget ? 'yes' : 'NO'} |`),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  const over = firstPageJs.gzip / 1024 > BUDGET_KB || results.some((r) => median(r.ms) > r.budget);
  process.exitCode = over ? 1 : 0;
} finally {
  await browser.close();
  await bank.stop();
  if (values.db) rmSync(bank.dir, { recursive: true, force: true });
}
