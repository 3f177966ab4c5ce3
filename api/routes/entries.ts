// What people judge on a scorecard (issue 21): the manual indicators and bonus/deduction items a
// supervisor (or branch president) enters on a manager's card, one card at a time or as a batch
// grid for an org node (JSON or an uploaded Excel template), and the audit trail of every change.
// Writes: scope checked on the server (an out-of-scope manager is a 404, like every read), the
// role must be one the item's `entered_by` names, nobody enters their own card, the origin must
// be this server (auth/csrf.ts), every row is validated before anything is written, and all rows
// of a request are appended in one write (warehouse/entries.ts) or none.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppEnv, Deps } from '../env.ts';
import type { RouteDocs } from '../openapi.ts';
import { requireArea } from '../auth/middleware.ts';
import { sameOrigin } from '../auth/csrf.ts';
import { v } from '../validate.ts';
import { HttpProblem } from '../problem.ts';
import type { InvalidParam } from '../problem.ts';
import { resolvePeriod } from '../periods.ts';
import { sendTable } from '../respond.ts';
import { managerParam, scopedManager, withEntries } from './managers.ts';
import { cardEntriesBody, exportOnly, gridEntriesBody, periodKey, type CardEntries, type EnterableItem, type EntryRow, scoringPeriodQuery } from '../../contract/api.ts';
import { entriesFrozen } from '../../contract/review.ts';
import { cardEntries, cardScheme, enterableItems, entryColumns, gridManagers, isScoringPeriod } from '../../warehouse/queries/entries.ts';
import type { Scope } from '../../warehouse/queries/scope.ts';
import { orgParam, scopedOrg } from './institutions.ts';
import { toXlsx } from '../../report/xlsx.ts';
import { readSheet } from 'read-excel-file/node';
import { managerScorecard, scoredPeriodOf } from '../../warehouse/queries/managers.ts';
import type { EntrySource, NewEntry } from '../../warehouse/entries.ts';
import type { User } from '../../warehouse/users.ts';

type Row = z.infer<typeof cardEntriesBody>['entries'][number];
/** A row to write: the card it goes on, and where to point at it in an error. */
export interface Pending {
  row: Row;
  managerId: string;
  /** Field path prefix of the row in the request (`entries.2`, `rows.7`, `row 9`). */
  at: string;
}

/** The items the user's role may enter (none for their own card). */
export function mayEnter(user: User, managerId: string, items: EnterableItem[]): EnterableItem[] {
  if (user.manager_id === managerId) return [];
  return items.filter((i) => i.entered_by.includes(user.role));
}

/** Exact two-decimal comparison of point texts (validated: at most two decimals). */
const cents = (x: string) => Math.round(Number(x) * 100);

/**
 * Every row checked against the card's scheme: a known item, a role that may enter it, points in
 * its range (or a rating of its scale), not twice in one request. Returns the problems, named by
 * field; empty when every row may be written.
 */
export function checkRows(user: User, pending: Pending[], itemsOf: (managerId: string) => EnterableItem[] | undefined): { bad: InvalidParam[]; forbidden: InvalidParam[]; lines: Map<Pending, { points: string | null; rating: string | null; kind: 'indicator' | 'item' }> } {
  const bad: InvalidParam[] = [];
  const forbidden: InvalidParam[] = [];
  const lines = new Map<Pending, { points: string | null; rating: string | null; kind: 'indicator' | 'item' }>();
  const seen = new Set<string>();
  for (const p of pending) {
    const { row } = p;
    const items = itemsOf(p.managerId);
    if (!items) continue; // the caller reported the card as missing
    const item = items.find((i) => i.item_id === row.item_id);
    if (!item) {
      bad.push({ name: `${p.at}.item_id`, in: 'body', reason: `'${row.item_id}' is not a manual indicator or an entered bonus/deduction item of the scheme in force (${items.map((i) => i.item_id).join(', ') || 'none'})` });
      continue;
    }
    const key = `${p.managerId}\u0000${row.item_id}`;
    if (seen.has(key)) {
      bad.push({ name: `${p.at}.item_id`, in: 'body', reason: `'${row.item_id}' is given twice for ${p.managerId}` });
      continue;
    }
    seen.add(key);
    if (user.manager_id === p.managerId) {
      forbidden.push({ name: `${p.at}.item_id`, in: 'body', reason: 'nobody enters points on their own card' });
      continue;
    }
    if (!item.entered_by.includes(user.role)) {
      forbidden.push({ name: `${p.at}.item_id`, in: 'body', reason: `'${row.item_id}' is entered by ${item.entered_by.join(', ')}, not by the ${user.role} role` });
      continue;
    }
    let points = row.points ?? null;
    let rating: string | null = null;
    if (item.scale) {
      if (row.rating !== undefined) {
        const r = item.scale.find((s) => s.rating === row.rating);
        if (!r) {
          bad.push({ name: `${p.at}.rating`, in: 'body', reason: `'${row.rating}' is not a rating of ${row.item_id} (${item.scale.map((s) => s.rating).join(', ')})` });
          continue;
        }
        if (points !== null && row.points !== undefined && cents(points) !== cents(r.points)) {
          bad.push({ name: `${p.at}.points`, in: 'body', reason: `rating '${r.rating}' is worth ${r.points} points, not ${points}` });
          continue;
        }
        points = r.points;
        rating = r.rating;
      } else if (points !== null) {
        const r = item.scale.find((s) => cents(s.points) === cents(points!));
        if (!r) {
          bad.push({ name: `${p.at}.points`, in: 'body', reason: `${row.item_id} is rated on a scale: give a rating (${item.scale.map((s) => `${s.rating} = ${s.points}`).join(', ')})` });
          continue;
        }
        rating = r.rating;
      }
    } else if (row.rating !== undefined) {
      bad.push({ name: `${p.at}.rating`, in: 'body', reason: `${row.item_id} has no rating scale: give points` });
      continue;
    }
    if (row.points === undefined && row.rating === undefined) {
      bad.push({ name: `${p.at}.points`, in: 'body', reason: 'give points (null withdraws the entry) or a rating' });
      continue;
    }
    if (points !== null) {
      const low = item.min_points === null ? null : cents(item.min_points);
      const high = item.max_points === null ? null : cents(item.max_points);
      const x = cents(points);
      if ((low !== null && x < low) || (high !== null && x > high)) {
        const range = low === null ? `at most ${item.max_points}` : high === null ? `at least ${item.min_points}` : `from ${item.min_points} to ${item.max_points}`;
        bad.push({ name: `${p.at}.points`, in: 'body', reason: `${points} is out of range: ${row.item_id} takes ${range} points` });
        continue;
      }
      points = (x / 100).toFixed(2);
    }
    lines.set(p, { points, rating, kind: item.kind });
  }
  return { bad, forbidden, lines };
}

/**
 * Checks every row, then appends them all in one write (or throws, writing nothing): 403 when a
 * row is not the caller's to enter, 400 naming each bad field. Rows equal to the value in force
 * (same points, same rating) are left out: the trail records changes. Returns the lines written.
 */
export function writeRows(deps: Deps, user: User, period: string, source: EntrySource, pending: Pending[], itemsOf: (managerId: string) => EnterableItem[] | undefined) {
  const { bad, forbidden, lines } = checkRows(user, pending, itemsOf);
  if (forbidden.length) throw new HttpProblem(403, `not yours to enter — ${forbidden.map((p) => `${p.name}: ${p.reason}`).join('; ')}`, { invalid_params: forbidden });
  if (bad.length) throw new HttpProblem(400, `invalid body parameter — ${bad.map((p) => `${p.name}: ${p.reason}`).join('; ')}`, { invalid_params: bad });
  // A card scored, in approval or locked is frozen for entries (issue 22, entriesFrozen).
  const frozen = [...new Set(pending.map((p) => p.managerId))].flatMap((m) => {
    const { state } = deps.reviews.stateOf(m, period);
    return entriesFrozen(state) ? [`${m} (${state})`] : [];
  });
  if (frozen.length) throw new HttpProblem(409, `the card is past scoring, its entries are frozen: ${frozen.join(', ')}`);
  return deps.entries.append(new Date(deps.now()), randomUUID(), () =>
    pending.flatMap((p): NewEntry[] => {
      const line = lines.get(p)!;
      const before = deps.entries.inForce(line.kind, p.managerId, period, p.row.item_id);
      const old = before?.value ?? null;
      if (old === line.points && (before?.rating ?? null) === line.rating) return [];
      return [{
        by_user: user.username,
        by_name: user.display_name,
        by_role: user.role,
        kind: line.kind,
        manager_id: p.managerId,
        period,
        item_id: p.row.item_id,
        old_value: old,
        value: line.points,
        rating: line.rating,
        note: p.row.note,
        source,
      }];
    }),
  );
}

/** The card's scoring period: the one asked for (it must be a card of the manager), else the card of the latest month. */
async function cardPeriod(deps: Deps, managerId: string, period: string | undefined, field: 'query' | 'body'): Promise<{ period: string; schemeId: string }> {
  const scored = period ?? (await scoredPeriodOf(deps.reader, deps.catalog, managerId, resolvePeriod(deps, undefined), deps.periods));
  const schemeId = scored ? await cardScheme(deps.reader, managerId, scored) : undefined;
  if (!scored || !schemeId) {
    throw new HttpProblem(period ? 400 : 404, period ? `period: ${managerId} has no scorecard for ${period} (entries go on a scoring period's card: quarter-end year to date, e.g. 2026-06-ytd)` : `${managerId} has no scorecard yet`, period ? { invalid_params: [{ name: 'period', in: field, reason: 'not a scoring period with a card for this manager' }] } : {});
  }
  return { period: scored, schemeId };
}

async function entriesAnswer(deps: Deps, user: User, managerId: string, period: string, schemeId: string): Promise<CardEntries> {
  const items = await enterableItems(deps.reader, schemeId);
  const entries = (await cardEntries(deps.reader, deps.entries.path, managerId, period, false)) as unknown as EntryRow[];
  const { state } = deps.reviews.stateOf(managerId, period);
  return { period, manager_id: managerId, review_state: state, frozen: entriesFrozen(state), enterable: mayEnter(user, managerId, items), items, entries };
}

const writeLimit = (kib: number) =>
  bodyLimit({ maxSize: kib * 1024, onError: () => { throw new HttpProblem(413, `request body over ${kib} KiB`); } });

export function cardEntryRoutes(docs: RouteDocs) {
  const query = z.strictObject(scoringPeriodQuery);
  const historyQuery = z.strictObject({ ...scoringPeriodQuery, ...exportOnly });
  docs.add({ method: 'get', path: '/api/managers/{manager_id}/scorecard/entries', summary: 'What may be entered on the card (manual indicators, bonus/deduction items), the entries in force and who made them, and the adjustments file rows it counts (source file)', area: 'performance', params: managerParam, query, response: 'JSON: { period, manager_id, review_state, frozen (past scoring: entries refused), enterable, items, entries: [{ seq, at, source, kind, item_id, label_zh, label_en, old_value, value, rating, note, by_user, by_name, by_role }] }' });
  docs.add({ method: 'post', path: '/api/managers/{manager_id}/scorecard/entries', summary: 'Enter or change manual indicators and bonus/deduction items of a card, each with a note (all or nothing); the card comes back recomputed', area: 'entries', params: managerParam, body: cardEntriesBody, response: 'JSON: { written, scorecard: { period, card, indicators, items, pay }, entries }' });
  docs.add({ method: 'get', path: '/api/managers/{manager_id}/scorecard/history', summary: 'The audit trail of the card: every entry and change (who, when, item, old value, new value, note), then the adjustments file rows', area: 'performance', params: managerParam, query: historyQuery, response: 'JSON: { period, manager_id, rows }; CSV/XLSX with format', list: true });

  return new Hono<AppEnv>()
    .get('/:manager_id/scorecard/entries', requireArea('performance'), v('param', managerParam), v('query', query), async (c) => {
      const { deps: d, scope, user } = c.var;
      const { manager_id } = c.req.valid('param');
      await scopedManager(d, scope, manager_id);
      const { period, schemeId } = await cardPeriod(d, manager_id, c.req.valid('query').period, 'query');
      return c.json(await entriesAnswer(d, user, manager_id, period, schemeId), 200);
    })
    .get('/:manager_id/scorecard/history', requireArea('performance'), v('param', managerParam), v('query', historyQuery), async (c) => {
      const { deps: d, scope } = c.var;
      const { manager_id } = c.req.valid('param');
      await scopedManager(d, scope, manager_id);
      const q = c.req.valid('query');
      const { period } = await cardPeriod(d, manager_id, q.period, 'query');
      const rows = await cardEntries(d.reader, d.entries.path, manager_id, period, true);
      if (q.format !== 'json') return sendTable(c, { format: q.format, lang: q.lang }, 'scorecard-history', { manager_id, period }, [...entryColumns], rows);
      return c.json({ period, manager_id, rows }, 200);
    })
    .post('/:manager_id/scorecard/entries', requireArea('entries'), sameOrigin, writeLimit(64), v('param', managerParam), v('json', cardEntriesBody), async (c) => {
      const { deps: d, scope, user } = c.var;
      const { manager_id } = c.req.valid('param');
      await scopedManager(d, scope, manager_id);
      const body = c.req.valid('json');
      const { period, schemeId } = await cardPeriod(d, manager_id, body.period, 'body');
      const items = await enterableItems(d.reader, schemeId);
      const pending = body.entries.map((row, k) => ({ row, managerId: manager_id, at: `entries.${k}` }));
      const written = writeRows(d, user, period, 'card', pending, () => items);
      return c.json({ written: written.length, scorecard: await cardAfter(c, manager_id, period), entries: (await entriesAnswer(d, user, manager_id, period, schemeId)).entries }, 200);
    });
}

/** The card as the manager page shows it, after a write. */
async function cardAfter(c: Context<AppEnv>, managerId: string, period: string) {
  const d = c.var.deps;
  return withEntries(d, managerId, await managerScorecard(d.reader, d.catalog, managerId, period, d.periods));
}

// ---------------------------------------------------------------------------------------------
// The batch grid: every manager of a node (in the caller's scope) × the items to enter, for one
// scoring period; as JSON, as an Excel template to fill, and written back as JSON or the filled
// template. A template is validated as a whole: all rows or none, each error by row and column.

const gridQuery = z.strictObject({ period: periodKey.meta({ description: 'The scoring period, e.g. 2026-06-ytd' }), ...exportOnly });
const uploadQuery = z.strictObject({ period: periodKey.meta({ description: 'The scoring period of the filled template' }) });

/** The node's managers with a card for the period and the items of their schemes. */
async function gridOf(deps: Deps, scope: Scope, orgId: string, period: string) {
  if (!(await isScoringPeriod(deps.reader, period))) {
    throw new HttpProblem(400, `period: no scorecards for ${period} (a scoring period is a quarter-end year to date, e.g. 2026-06-ytd)`, { invalid_params: [{ name: 'period', in: 'query', reason: 'not a scoring period of this build' }] });
  }
  const managers = await gridManagers(deps.reader, scope, orgId, period);
  const schemes = [...new Set(managers.map((m) => m.scheme_id))];
  const bySchemeList = await Promise.all(schemes.map((s) => enterableItems(deps.reader, s)));
  const byScheme = new Map(schemes.map((s, k) => [s, bySchemeList[k]!]));
  const items = new Map<string, EnterableItem>();
  for (const list of bySchemeList) for (const i of list) if (!items.has(i.item_id)) items.set(i.item_id, i);
  const itemsOf = (managerId: string) => {
    const m = managers.find((x) => x.manager_id === managerId);
    return m ? byScheme.get(m.scheme_id) : undefined;
  };
  return { managers, items: [...items.values()], itemsOf };
}

const header = (id: string, label: string | null) => `${label ?? id} [${id}]`;
const bracketed = /\[([a-z][a-z0-9_]*)\]\s*$/;

/** A number cell as two-decimal text when it is one (Excel keeps doubles: 0.8 may read 0.80000000000000004). */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(v.trim()))) {
    const x = Number(v);
    if (Number.isFinite(x) && Math.abs(x * 100 - Math.round(x * 100)) < 1e-6) return (Math.round(x * 100) / 100).toString();
  }
  return String(v).trim();
}

/** The filled template's rows as entries; problems named by row (Excel's numbering) and column. */
async function templateRows(bytes: ArrayBuffer, items: EnterableItem[], known: (managerId: string) => boolean): Promise<{ pending: Pending[]; bad: InvalidParam[] }> {
  let sheet: unknown[][];
  try {
    sheet = (await readSheet<string>(Buffer.from(bytes), { parseNumber: (s) => s })) as unknown[][];
  } catch (e) {
    throw new HttpProblem(400, `not an Excel (.xlsx) file: ${(e as Error).message}`, { invalid_params: [{ name: '(body)', in: 'body', reason: 'not an .xlsx workbook' }] });
  }
  const [head, ...rows] = sheet;
  const ids = (head ?? []).map((h) => bracketed.exec(String(h ?? ''))?.[1] ?? null);
  const bad: InvalidParam[] = [];
  const col = (id: string) => ids.indexOf(id);
  for (const need of ['manager_id', 'note']) {
    if (col(need) < 0) bad.push({ name: `row 1`, in: 'body', reason: `no column [${need}]: use the template downloaded from this page` });
  }
  const itemIds = new Set(items.map((i) => i.item_id));
  ids.forEach((id, k) => {
    if (id && !['manager_id', 'manager_name', 'org_name', 'note'].includes(id) && !itemIds.has(id)) {
      bad.push({ name: `row 1, column ${String(head![k])}`, in: 'body', reason: `'${id}' is not an item of these cards` });
    }
  });
  if (bad.length) return { pending: [], bad };
  const pending: Pending[] = [];
  rows.forEach((cells, k) => {
    const line = k + 2;
    const managerId = cellText(cells[col('manager_id')]);
    const note = cellText(cells[col('note')]);
    const filled = ids.flatMap((id, j) => (id && itemIds.has(id) && cellText(cells[j]) !== '' ? [[id, cellText(cells[j]), String(head![j])] as const] : []));
    if (!managerId && filled.length === 0) return; // an empty line
    if (!known(managerId)) {
      bad.push({ name: `row ${line}, column [manager_id]`, in: 'body', reason: `'${managerId}' is not a manager of this node with a card for the period` });
      return;
    }
    if (filled.length && !note) bad.push({ name: `row ${line}, column [note]`, in: 'body', reason: 'a note says why (required)' });
    for (const [id, value, title] of filled) {
      const item = items.find((i) => i.item_id === id)!;
      const row: Row = { item_id: id, note: note || '-', ...(item.scale && !/^-?\d/.test(value) ? { rating: value } : { points: value }) };
      const parsed = cardEntriesBody.shape.entries.element.safeParse(row);
      if (!parsed.success) {
        bad.push(...parsed.error.issues.map((i) => ({ name: `row ${line}, column ${title}`, in: 'body' as const, reason: i.message })));
        continue;
      }
      pending.push({ row: parsed.data, managerId, at: `row ${line}, column ${title}` });
    }
  });
  return { pending, bad };
}

export function gridEntryRoutes(docs: RouteDocs) {
  docs.add({ method: 'get', path: '/api/orgs/{org_id}/scorecard-entries', summary: 'The batch grid: the managers of the node with a card for the scoring period × the items to enter, with the values in force; format=xlsx downloads it as the template to fill', area: 'performance', params: orgParam, query: gridQuery, response: 'JSON: { period, org_id, items, rows: [{ manager_id, manager_name, org_name, line, scheme_id, review_state, frozen (past scoring: no entries), values: { item_id: { value, rating, by_name, at } } }] }; XLSX: the template' });
  docs.add({ method: 'post', path: '/api/orgs/{org_id}/scorecard-entries', summary: 'Write the batch grid (all rows or none)', area: 'entries', params: orgParam, body: gridEntriesBody, response: 'JSON: { written }' });
  docs.add({ method: 'post', path: '/api/orgs/{org_id}/scorecard-entries/upload', summary: 'Upload the filled Excel template (body: the .xlsx file); validated as a whole: all rows or none, errors by row and column', area: 'entries', params: orgParam, query: uploadQuery, response: 'JSON: { written }' });

  return new Hono<AppEnv>()
    .get('/:org_id/scorecard-entries', requireArea('performance'), v('param', orgParam), v('query', gridQuery), async (c) => {
      const { deps: d, scope, user } = c.var;
      const { org_id } = c.req.valid('param');
      await scopedOrg(d, scope, org_id);
      const q = c.req.valid('query');
      const grid = await gridOf(d, scope, org_id, q.period);
      const rows = grid.managers.map((m) => {
        const mine = grid.itemsOf(m.manager_id) ?? [];
        const values = Object.fromEntries(
          mine.map((i) => {
            const e = d.entries.inForce(i.kind, m.manager_id, q.period, i.item_id);
            return [i.item_id, e ? { value: e.value, rating: e.rating, by_name: e.by_name, at: e.at } : null];
          }),
        );
        const { state } = d.reviews.stateOf(m.manager_id, q.period);
        return { ...m, review_state: state, frozen: entriesFrozen(state), values };
      });
      if (q.format === 'json') return c.json({ period: q.period, org_id, items: grid.items, enterable: grid.items.filter((i) => i.entered_by.includes(user.role)).map((i) => i.item_id), rows }, 200);
      // The template: the items the caller may enter, each cell the value in force (a rating for a scaled item).
      const mayEnter = grid.items.filter((i) => i.entered_by.includes(user.role));
      const columns = [
        { key: 'manager_id', kind: 'id' as const, header: header('manager_id', q.lang === 'zh' ? '客户经理号' : 'Manager ID') },
        { key: 'manager_name', kind: 'text' as const, header: header('manager_name', q.lang === 'zh' ? '客户经理' : 'Manager') },
        { key: 'org_name', kind: 'text' as const, header: header('org_name', q.lang === 'zh' ? '机构' : 'Org') },
        ...mayEnter.map((i) => ({ key: i.item_id, kind: (i.scale ? 'text' : 'number') as 'text' | 'number', header: header(i.item_id, q.lang === 'zh' ? i.label_zh : i.label_en) })),
        { key: 'note', kind: 'text' as const, header: header('note', q.lang === 'zh' ? '说明' : 'Note') },
      ];
      const table = {
        columns,
        rows: rows.map((r) => ({
          manager_id: r.manager_id,
          manager_name: r.manager_name,
          org_name: r.org_name,
          ...Object.fromEntries(mayEnter.map((i) => [i.item_id, r.values[i.item_id] ? (i.scale ? r.values[i.item_id]!.rating : r.values[i.item_id]!.value) : null])),
          note: null,
        })),
      };
      const body = await toXlsx(table, q.lang, 'entries');
      return c.body(new Uint8Array(body), 200, { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': `attachment; filename="scorecard-entries-${org_id}-${q.period}.xlsx"` });
    })
    .post('/:org_id/scorecard-entries', requireArea('entries'), sameOrigin, writeLimit(1024), v('param', orgParam), v('json', gridEntriesBody), async (c) => {
      const { deps: d, scope, user } = c.var;
      const { org_id } = c.req.valid('param');
      await scopedOrg(d, scope, org_id);
      const body = c.req.valid('json');
      const grid = await gridOf(d, scope, org_id, body.period);
      const unknown = body.rows.flatMap((r, k) => (grid.itemsOf(r.manager_id) ? [] : [{ name: `rows.${k}.manager_id`, in: 'body' as const, reason: `'${r.manager_id}' is not a manager of this node with a card for ${body.period}` }]));
      if (unknown.length) throw new HttpProblem(400, `invalid body parameter — ${unknown.map((p) => `${p.name}: ${p.reason}`).join('; ')}`, { invalid_params: unknown });
      const pending = body.rows.map(({ manager_id, ...row }, k) => ({ row, managerId: manager_id, at: `rows.${k}` }));
      return c.json({ written: writeRows(d, user, body.period, 'grid', pending, grid.itemsOf).length }, 200);
    })
    .post('/:org_id/scorecard-entries/upload', requireArea('entries'), sameOrigin, writeLimit(2048), v('param', orgParam), v('query', uploadQuery), async (c) => {
      const { deps: d, scope, user } = c.var;
      const { org_id } = c.req.valid('param');
      await scopedOrg(d, scope, org_id);
      const { period } = c.req.valid('query');
      const grid = await gridOf(d, scope, org_id, period);
      const { pending, bad } = await templateRows(await c.req.arrayBuffer(), grid.items, (m) => grid.itemsOf(m) !== undefined);
      // Every problem of the file at once: the cells' own, then the values against each card's scheme.
      bad.push(...checkRows(user, pending, grid.itemsOf).bad);
      if (bad.length) throw new HttpProblem(400, `the template was not loaded, nothing written — ${bad.map((p) => `${p.name}: ${p.reason}`).join('; ')}`, { invalid_params: bad });
      return c.json({ written: writeRows(d, user, period, 'upload', pending, grid.itemsOf).length }, 200);
    });
}
