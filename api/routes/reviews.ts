// The quarterly review cycle of a scorecard (issue 22): the card's state and its history, one
// action at a time (submit the 述职, score, approve, appeal, decide an appeal; contract/review.ts
// says who may do what when), the performance talk, the review queue, the payroll of locked cards
// and the public pool's allocations. Writes: scope checked on the server (out of scope is a 404,
// like every read), the role checked by the state machine (403) and the state (409), the origin
// (auth/csrf.ts), every field validated (400 naming it); each request appends its lines in one
// write (warehouse/reviews.ts) or none. The lines are never rewritten: they are the audit trail.
import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppEnv, Deps } from '../env.ts';
import type { RouteDocs } from '../openapi.ts';
import { requireArea } from '../auth/middleware.ts';
import { sameOrigin } from '../auth/csrf.ts';
import { v } from '../validate.ts';
import { HttpProblem } from '../problem.ts';
import { sendTable } from '../respond.ts';
import { resolvePeriod } from '../periods.ts';
import { managerParam, scopedManager, withEntries } from './managers.ts';
import { orgParam, scopedOrg } from './institutions.ts';
import { exportOnly, periodKey, scoringPeriodQuery, type Role } from '../../contract/api.ts';
import { transition, waitingFor, REVIEW_ACTIONS, type CardState, type ReviewAction } from '../../contract/review.ts';
import { poolBody, reviewActionBody, talkBody } from '../../contract/review-bodies.ts';
import { managerScorecard, scoredPeriodOf } from '../../warehouse/queries/managers.ts';
import { cardScheme } from '../../warehouse/queries/entries.ts';
import { cardPayable, cardPoolAllocations, lockPayable, payroll, payrollColumns, periodCards, poolAllocations, poolBalance, poolBalanceWith, reviewRules, stateCounts, type ReviewRules } from '../../warehouse/queries/reviews.ts';
import { blankLine } from '../../warehouse/reviews.ts';
import type { User } from '../../warehouse/users.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A validated amount ('1200', '0.5') as exact text with two places ('1200.00', '0.50'). */
const twoPlaces = (x: string) => {
  const [whole, frac = ''] = x.split('.');
  return `${BigInt(whole!)}.${frac.padEnd(2, '0')}`;
};

/** The card's scoring period (asked for, else the card of the latest month) and its scheme's review rules. */
async function reviewedCard(deps: Deps, managerId: string, period: string | undefined, field: 'query' | 'body') {
  const scored = period ?? (await scoredPeriodOf(deps.reader, deps.catalog, managerId, resolvePeriod(deps, undefined), deps.periods));
  const schemeId = scored ? await cardScheme(deps.reader, managerId, scored) : undefined;
  if (!scored || !schemeId) {
    if (!period) throw new HttpProblem(404, `${managerId} has no scorecard yet`);
    throw new HttpProblem(400, `period: ${managerId} has no scorecard for ${period} (a scoring period: quarter-end year to date, e.g. 2026-06-ytd)`, { invalid_params: [{ name: 'period', in: field, reason: 'not a scoring period with a card for this manager' }] });
  }
  return { period: scored, rules: await reviewRules(deps.reader, schemeId) };
}

/** The last day an appeal may be filed (ISO date-time), for a card locked at `lockedAt`. */
function appealUntil(lockedAt: string, rules: ReviewRules): string {
  return new Date(Date.parse(lockedAt) + rules.appeal_days * DAY_MS).toISOString();
}

/** The actions the caller may take on the card now (what the page offers). */
function mayDo(user: User, managerId: string, s: CardState, rules: ReviewRules, appealOpen: boolean): ReviewAction[] {
  return REVIEW_ACTIONS.filter((a) => transition(s, a, { role: user.role, own: user.manager_id === managerId }, rules.chain, appealOpen).ok);
}

/** A role of the card's approval chain, not its manager: may record the performance talk. */
const mayTalk = (user: User, managerId: string, rules: ReviewRules) => user.manager_id !== managerId && rules.chain.includes(user.role);

/** The card as locked (its snapshot), with when and by whom, and the live figures that moved since. */
export async function lockedView(deps: Deps, managerId: string, period: string) {
  const lock = deps.reviews.lockOf(managerId, period);
  if (!lock) return null;
  const snapshot = lock.snapshot as { card: Record<string, unknown>; pay: Record<string, unknown> | null };
  const now = await withEntries(deps, managerId, await managerScorecard(deps.reader, deps.catalog, managerId, period, deps.periods));
  // What a rebuild (a restated month, a new delivery) changed since the lock: shown, never applied.
  const card = (k: string) => [k, snapshot.card[k], now?.card[k]] as const;
  const pay = (k: string) => [k, snapshot.pay?.[k], (now?.pay as Record<string, unknown> | null)?.[k]] as const;
  const watched = [card('profit_contribution'), card('total_score'), card('grade'), card('peer_rank'), pay('pay_actual'), pay('efficiency_pay'), pay('paid_pay')];
  const moved = watched.filter(([, a, b]) => a !== b).map(([field, locked, current]) => ({ field, locked: locked ?? null, now: current ?? null }));
  return { snapshot: lock.snapshot, locked_at: lock.at, locked_by: lock.by_name, moved };
}

/** The manager page's scorecard: a locked card is its snapshot (with the lock and what moved since). */
export async function withLock<S extends { period: string } | null>(deps: Deps, managerId: string, scorecard: S): Promise<S> {
  if (!scorecard) return scorecard;
  const view = await lockedView(deps, managerId, scorecard.period);
  if (!view) return scorecard;
  // the payable the lock fixed is the review's (GET …/review, the payroll), not the card's
  const { payable: _payable, ...card } = view.snapshot as Record<string, unknown>;
  return { ...card, locked: { at: view.locked_at, by_name: view.locked_by, moved: view.moved } } as unknown as S;
}

/**
 * The card as it locks: the scorecard with its entries and the payable this lock fixes
 * (lock_paid_before: what the year's locks so far made payable; payable = paid_pay − that).
 */
async function lockSnapshot(deps: Deps, managerId: string, period: string) {
  const card = await withEntries(deps, managerId, await managerScorecard(deps.reader, deps.catalog, managerId, period, deps.periods));
  if (!card) return null;
  const paidPay = (card.pay as { paid_pay?: string } | null)?.paid_pay ?? null;
  return { ...card, payable: paidPay === null ? null : await lockPayable(deps.reader, deps.reviews.path, managerId, period, paidPay) };
}

async function reviewAnswer(deps: Deps, user: User, managerId: string, period: string, rules: ReviewRules) {
  const state = deps.reviews.stateOf(managerId, period);
  const lock = deps.reviews.lockOf(managerId, period);
  const until = lock ? appealUntil(lock.at, rules) : null;
  const appealOpen = until !== null && deps.now() <= Date.parse(until);
  const view = await lockedView(deps, managerId, period);
  return {
    period,
    manager_id: managerId,
    state: state.state,
    signed: state.signed,
    chain: rules.chain,
    appeal_days: rules.appeal_days,
    appeal_until: until,
    waiting_for: waitingFor(state, rules.chain),
    may: mayDo(user, managerId, state, rules, appealOpen),
    may_talk: mayTalk(user, managerId, rules),
    locked: view ? { at: view.locked_at, by_name: view.locked_by, moved: view.moved, payable: (await cardPayable(deps.reader, deps.reviews.path, managerId, period)) ?? null } : null,
    pool: await cardPoolAllocations(deps.reader, deps.reviews.path, managerId, period),
    lines: deps.reviews.linesOf(managerId, period).map(({ snapshot: _s, batch: _b, ...l }) => l),
  };
}

const who = (user: User) => ({ by_user: user.username, by_name: user.display_name, by_role: user.role });

export function reviewRoutes(docs: RouteDocs) {
  const query = z.strictObject(scoringPeriodQuery);
  docs.add({ method: 'get', path: '/api/managers/{manager_id}/review', summary: "The card's review: state, the approval chain and who it waits for, what the caller may do, the lock (with the figures that moved since and the payable pay), and every line of the cycle (述职, comments, approvals, appeals, talks) with names and dates", area: 'performance', params: managerParam, query, response: 'JSON: { period, manager_id, state, signed, chain, appeal_days, appeal_until, waiting_for, may, may_talk, locked, pool: [{ org_id, org_name, amount, reason, by_name, at }], lines }' });
  docs.add({ method: 'post', path: '/api/managers/{manager_id}/review', summary: 'One action on the card: submit (述职: summary, plans), score (comment), approve, appeal (reason), accept_appeal, reject_appeal (reason); 409 when the state does not allow it, 403 when the caller may not; the last approval locks the card with a snapshot', area: 'performance', params: managerParam, body: reviewActionBody, response: 'JSON: the review, as GET' });
  docs.add({ method: 'post', path: '/api/managers/{manager_id}/review/talk', summary: 'Record the performance talk (绩效谈话) of the card: date, participants, notes, agreed actions (a role of the approval chain)', area: 'performance', params: managerParam, body: talkBody, response: 'JSON: the review, as GET' });

  return new Hono<AppEnv>()
    .get('/:manager_id/review', requireArea('performance'), v('param', managerParam), v('query', query), async (c) => {
      const { deps: d, scope, user } = c.var;
      const { manager_id } = c.req.valid('param');
      await scopedManager(d, scope, manager_id);
      const { period, rules } = await reviewedCard(d, manager_id, c.req.valid('query').period, 'query');
      return c.json(await reviewAnswer(d, user, manager_id, period, rules), 200);
    })
    .post('/:manager_id/review', requireArea('performance'), sameOrigin, v('param', managerParam), v('json', reviewActionBody), async (c) => {
      const { deps: d, scope, user } = c.var;
      const { manager_id } = c.req.valid('param');
      await scopedManager(d, scope, manager_id);
      const body = c.req.valid('json');
      const { period, rules } = await reviewedCard(d, manager_id, body.period, 'body');
      const actor = { role: user.role, own: user.manager_id === manager_id };
      // The card as it stands, read before the lock (queries): kept only if this action locks it,
      // with the payable it fixes (what the year's earlier locks paid is read from the file: a
      // line written meanwhile means reading again).
      for (let attempt = 1; ; attempt++) {
        const generation = d.reviews.generation();
        const before = d.reviews.stateOf(manager_id, period);
        const planned = transition(before, body.action, actor, rules.chain, true);
        const snapshot = planned.ok && planned.next.state === 'locked' && body.action !== 'reject_appeal' ? await lockSnapshot(d, manager_id, period) : null;
        const written = d.reviews.append(new Date(d.now()), randomUUID(), () => {
          if (snapshot && d.reviews.generation() !== generation) return [];
          // Under the lock: the state again (another request may have moved the card meanwhile).
          const s = d.reviews.stateOf(manager_id, period);
          const lock = d.reviews.lockOf(manager_id, period);
          const appealOpen = lock ? d.now() <= Date.parse(appealUntil(lock.at, rules)) : false;
          const t = transition(s, body.action, actor, rules.chain, appealOpen);
          if (!t.ok) throw new HttpProblem(t.status, t.reason);
          if (s.state !== before.state || s.signed !== before.signed) throw new HttpProblem(409, `the card moved to ${s.state} meanwhile: reload and try again`);
          return [{
            ...blankLine,
            ...who(user),
            kind: 'transition',
            manager_id,
            period,
            action: body.action,
            from_state: s.state,
            to_state: t.next.state,
            signed: t.next.signed,
            summary: body.summary ?? null,
            plans: body.plans ?? null,
            comment: body.comment ?? null,
            reason: body.reason ?? null,
            snapshot: t.next.state === 'locked' && body.action !== 'reject_appeal' ? snapshot : null,
          }];
        });
        if (written.length) break;
        if (attempt === 3) throw new HttpProblem(409, 'the review file kept changing meanwhile: try again');
      }
      return c.json(await reviewAnswer(d, user, manager_id, period, rules), 200);
    })
    .post('/:manager_id/review/talk', requireArea('performance'), sameOrigin, v('param', managerParam), v('json', talkBody), async (c) => {
      const { deps: d, scope, user } = c.var;
      const { manager_id } = c.req.valid('param');
      await scopedManager(d, scope, manager_id);
      const body = c.req.valid('json');
      const { period, rules } = await reviewedCard(d, manager_id, body.period, 'body');
      if (!mayTalk(user, manager_id, rules)) {
        throw new HttpProblem(403, `the talk is recorded by a role of the approval chain (${rules.chain.join(', ')}), not the ${user.manager_id === manager_id ? 'manager of the card' : user.role}`);
      }
      d.reviews.append(new Date(d.now()), randomUUID(), () => [{ ...blankLine, ...who(user), kind: 'talk', manager_id, ...body, period }]);
      return c.json(await reviewAnswer(d, user, manager_id, period, rules), 200);
    });
}

// ---------------------------------------------------------------------------------------------
// The queue, the payroll and the pool.

const periodQuery = z.strictObject({ period: periodKey.optional().meta({ description: 'The scoring period (2026-06-ytd); default: the latest' }) });
const payrollQuery = z.strictObject({ period: periodKey.meta({ description: 'The scoring period, e.g. 2026-06-ytd' }), ...exportOnly });
const poolQuery = z.strictObject({ period: periodKey.meta({ description: 'The scoring period whose pool it is' }) });

/** The latest scoring period of the build, or the one asked for (it must be one). */
function scoringPeriod(deps: Deps, period: string | undefined, field: 'query' | 'body'): string {
  const scoring = deps.periods.filter((p) => p.period_type === 'ytd' && /-(03|06|09|12)-ytd$/.test(p.period)).map((p) => p.period).sort();
  const chosen = period ?? scoring.at(-1);
  if (!chosen || !scoring.includes(chosen)) {
    throw new HttpProblem(400, `period: ${period ?? '(latest)'} is not a scoring period of this build (${scoring.join(', ') || 'none'})`, { invalid_params: [{ name: 'period', in: field, reason: 'not a scoring period (quarter-end year to date)' }] });
  }
  return chosen;
}

/** The cards waiting for the caller: their own to submit or appeal, or their role's turn in the chain. */
function waitsFor(user: User, card: { manager_id: string; state: string; signed: number; review_chain: string }): ReviewAction | null {
  const next = waitingFor({ state: card.state as CardState['state'], signed: card.signed }, card.review_chain.split(',') as Role[]);
  if (!next) return null;
  if (next.who === 'manager') return user.manager_id === card.manager_id ? next.action : null;
  return next.who === user.role && user.manager_id !== card.manager_id ? next.action : null;
}

export function reviewQueueRoutes(docs: RouteDocs) {
  docs.add({ method: 'get', path: '/api/reviews', summary: 'The review queue: the cards of the scoring period in the caller\'s scope waiting for them (and what for), every card with its state, and counts by state per branch', area: 'performance', query: periodQuery, response: 'JSON: { period, waiting: [{ manager_id, manager_name, org_name, state, action }], cards, counts: [{ org_id, org_name, state, cards }] }' });
  return new Hono<AppEnv>().get('/', requireArea('performance'), v('query', periodQuery), async (c) => {
    const { deps: d, scope, user } = c.var;
    const period = scoringPeriod(d, c.req.valid('query').period, 'query');
    const [cards, counts] = await Promise.all([periodCards(d.reader, d.reviews.path, scope, period), stateCounts(d.reader, d.reviews.path, scope, period)]);
    const waiting = cards.flatMap((card) => {
      const action = waitsFor(user, card);
      return action ? [{ ...card, action }] : [];
    });
    return c.json({ period, waiting, cards, counts }, 200);
  });
}

export function payrollRoutes(docs: RouteDocs) {
  docs.add({ method: 'get', path: '/api/orgs/{org_id}/payroll', summary: 'The payroll of the node for a scoring period: locked cards only, each with its pay as locked, what the year\'s earlier locked cards paid, the payable, the public pool allocated and the total', area: 'performance', params: orgParam, query: payrollQuery, response: 'JSON: { period, org_id, rows }; CSV/XLSX with format', list: true });
  docs.add({ method: 'get', path: '/api/orgs/{org_id}/pool', summary: "The org's public pool (公共绩效池) for a scoring period: total (its subtree's contributions), allocated from it, allocated from the pools of the orgs under it, remaining (what it may still allocate: an allocation draws on its pool and every ancestor's; limited_by names the org whose pool bounds it), and the allocations in force", area: 'performance', params: orgParam, query: poolQuery, response: 'JSON: { period, org_id, pool_total, allocated, allocated_below, remaining, limited_by, allocations: [{ manager_id, manager_name, amount, reason, by_name, at }] }' });
  docs.add({ method: 'post', path: '/api/orgs/{org_id}/pool', summary: "Allocate the org's public pool (the department head: a branch president of that org): recipient, amount, reason each; Σ allocations ≤ the pool; all or none", area: 'performance', params: orgParam, body: poolBody, response: 'JSON: the pool, as GET' });

  const poolAnswer = async (d: Deps, orgId: string, period: string) => {
    const balance = await poolBalance(d.reader, d.reviews.path, orgId, period);
    return {
      period,
      org_id: orgId,
      pool_total: balance?.pool_total ?? '0.00',
      allocated: balance?.allocated ?? '0.00',
      allocated_below: balance?.allocated_below ?? '0.00',
      remaining: balance?.remaining ?? '0.00',
      limited_by: balance?.limited_by ?? null,
      allocations: await poolAllocations(d.reader, d.reviews.path, orgId, period),
    };
  };

  return new Hono<AppEnv>()
    .get('/:org_id/payroll', requireArea('performance'), v('param', orgParam), v('query', payrollQuery), async (c) => {
      const { deps: d, scope } = c.var;
      const { org_id } = c.req.valid('param');
      await scopedOrg(d, scope, org_id);
      const q = c.req.valid('query');
      const period = scoringPeriod(d, q.period, 'query');
      const rows = await payroll(d.reader, d.reviews.path, scope, org_id, period);
      if (q.format !== 'json') return sendTable(c, { format: q.format, lang: q.lang }, 'payroll', { org_id, period }, [...payrollColumns], rows);
      return c.json({ period, org_id, rows }, 200);
    })
    .get('/:org_id/pool', requireArea('performance'), v('param', orgParam), v('query', poolQuery), async (c) => {
      const { deps: d, scope } = c.var;
      const { org_id } = c.req.valid('param');
      await scopedOrg(d, scope, org_id);
      const period = scoringPeriod(d, c.req.valid('query').period, 'query');
      return c.json(await poolAnswer(d, org_id, period), 200);
    })
    .post('/:org_id/pool', requireArea('performance'), sameOrigin, v('param', orgParam), v('json', poolBody), async (c) => {
      const { deps: d, scope, user } = c.var;
      const { org_id } = c.req.valid('param');
      await scopedOrg(d, scope, org_id);
      if (user.role !== 'branch_president' || user.org_id !== org_id) {
        throw new HttpProblem(403, `the pool of ${org_id} is allocated by its department head (the branch president of ${org_id}), not the ${user.role}${user.org_id ? ` of ${user.org_id}` : ''}`);
      }
      const body = c.req.valid('json');
      const period = scoringPeriod(d, body.period, 'body');
      const cards = new Set((await periodCards(d.reader, d.reviews.path, scope, period, org_id)).map((m) => m.manager_id));
      const bad = body.allocations.flatMap((a, k) => [
        ...(cards.has(a.manager_id) ? [] : [{ name: `allocations.${k}.manager_id`, in: 'body' as const, reason: `'${a.manager_id}' is not a manager of ${org_id} with a card for ${period}` }]),
        ...(body.allocations.findIndex((b) => b.manager_id === a.manager_id) < k ? [{ name: `allocations.${k}.manager_id`, in: 'body' as const, reason: `'${a.manager_id}' is given twice` }] : []),
      ]);
      if (bad.length) throw new HttpProblem(400, `invalid body parameter — ${bad.map((p) => `${p.name}: ${p.reason}`).join('; ')}`, { invalid_params: bad });
      const generation = d.reviews.generation();
      const after = await poolBalanceWith(d.reader, d.reviews.path, org_id, period, body.allocations);
      if (!after || after.remaining.startsWith('-')) {
        const balance = await poolBalance(d.reader, d.reviews.path, org_id, period);
        const over = after?.remaining.slice(1) ?? 'all of it';
        const whose = !after ? `${org_id} has no pool for ${period}`
          : after.limited_by === org_id ? `pool ${balance?.pool_total ?? '0.00'}, allocated ${balance?.allocated ?? '0.00'}, allocated from the pools under it ${balance?.allocated_below ?? '0.00'}`
          : `it draws on the pool of ${after.limited_by}, which contains it and has ${balance?.remaining ?? '0.00'} left`;
        throw new HttpProblem(400, `allocations: over the pool of ${org_id} for ${period} by ${over} (${whose})`, {
          invalid_params: [{ name: 'allocations', in: 'body', reason: `Σ allocations would exceed the pool${after && after.limited_by !== org_id ? ` of ${after.limited_by}` : ''} by ${over}` }],
          ...(after ? { pool_over: { org_id: after.limited_by, amount: after.remaining.slice(1) } } : {}),
        });
      }
      d.reviews.append(new Date(d.now()), randomUUID(), () => {
        // The check above read the file at this size; another allocation since means check again.
        if (d.reviews.generation() !== generation) throw new HttpProblem(409, 'the pool changed meanwhile: reload and try again');
        return body.allocations.map((a) => ({ ...blankLine, ...who(user), kind: 'pool' as const, manager_id: a.manager_id, period, org_id, amount: twoPlaces(a.amount), reason: a.reason }));
      });
      return c.json(await poolAnswer(d, org_id, period), 200);
    });
}

