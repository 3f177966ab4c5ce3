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
import { cardEntriesBody, exportOnly, type CardEntries, type EnterableItem, type EntryRow, scoringPeriodQuery } from '../../contract/api.ts';
import { cardEntries, cardScheme, enterableItems, entryColumns } from '../../warehouse/queries/entries.ts';
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
  return { period, manager_id: managerId, enterable: mayEnter(user, managerId, items), items, entries };
}

const writeLimit = (kib: number) =>
  bodyLimit({ maxSize: kib * 1024, onError: () => { throw new HttpProblem(413, `request body over ${kib} KiB`); } });

export function cardEntryRoutes(docs: RouteDocs) {
  const query = z.strictObject(scoringPeriodQuery);
  const historyQuery = z.strictObject({ ...scoringPeriodQuery, ...exportOnly });
  docs.add({ method: 'get', path: '/api/managers/{manager_id}/scorecard/entries', summary: 'What may be entered on the card (manual indicators, bonus/deduction items), the entries in force and who made them, and the adjustments file rows it counts (source file)', area: 'performance', params: managerParam, query, response: 'JSON: { period, manager_id, enterable, items, entries: [{ seq, at, source, kind, item_id, label_zh, label_en, old_value, value, rating, note, by_user, by_name, by_role }] }' });
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
