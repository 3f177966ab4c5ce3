// The bank of the manual-indicator tests (manual-entries, standing-cards): M1 and M2 in SB11 on the
// manual_corporate scheme (tests/fixtures/scorecards/manual), scored for 2026-06-ytd, and the
// supervisor whose entries they append to an entries file.
import { buildBank, fixturesDir, tree, type Built, type Metric } from './fixture.ts';
import { join } from 'node:path';
import type { EntriesStore, NewEntry } from '../../warehouse/entries.ts';

export const P = '2026-06-ytd';
const m = (manager_id: string, metric: string, actual: number, target: number | null = null, base: number | null = null): Metric => ({
  period: P, manager_id, metric, actual, target, base,
});

export function buildManualBank(): Promise<Built> {
  return buildBank(
    {
      orgs: tree,
      managers: [
        { manager_id: 'M1', org_id: 'SB11', line: 'corporate' },
        { manager_id: 'M2', org_id: 'SB11', line: 'corporate' },
      ],
      metrics: [
        m('M1', 'new_clients', 100, 100), // achievement 1.000000 × 80 = 80.00
        m('M2', 'new_clients', 110, 100), // achievement 1.100000 × 80 = 88.00
        m('M1', 'profit_contribution', 400_000, 350_000, 300_000),
        m('M2', 'profit_contribution', 100_000),
      ],
      adjustments: [{ year: 2026, period: 'Q1', manager_id: 'M1', item: 'complaint', points: -5 }],
    },
    [join(fixturesDir, 'manual')],
  );
}

const by = { by_user: 'sup_b1', by_name: '一分行主管', by_role: 'supervisor', source: 'card' as const, note: 'Q2 review', old_value: null, rating: null };

/** Appends one entry of the supervisor's for the card of P. */
export const enterInto = (store: EntriesStore, e: Partial<NewEntry> & Pick<NewEntry, 'kind' | 'manager_id' | 'item_id' | 'value'>) =>
  store.append(new Date('2026-07-05T09:00:00Z'), 'b', () => [{ ...by, period: P, ...e } as NewEntry]);
