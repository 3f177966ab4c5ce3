// Institution scheme files: the default one is valid; a bad one is refused with one message per
// problem naming the field (the managers' checks apply too: weights sum, grades in order).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOrgSchemesDir } from '../../warehouse/schemes/org-load.ts';
import { defaultSchemes } from './fixture.ts';

const good = JSON.parse(readFileSync(join(defaultSchemes, 'org', 'sub_branch_default.json'), 'utf8')) as Record<string, unknown>;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-org-schemes-'));
  mkdirSync(join(dir, 'org'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(files: Record<string, unknown>): void {
  rmSync(join(dir, 'org'), { recursive: true, force: true });
  mkdirSync(join(dir, 'org'));
  for (const [name, json] of Object.entries(files)) writeFileSync(join(dir, 'org', name), JSON.stringify(json));
}

describe('institution scheme files', () => {
  it('accepts the default sub-branch scheme', () => {
    const r = readOrgSchemesDir(defaultSchemes, ['retail_default', 'corporate_default']);
    expect(r.problems).toEqual([]);
    expect(r.schemes.map((s) => [s.scheme.scheme_id, s.scheme.levels])).toEqual([['sub_branch_default', ['sub_branch']]]);
    expect(r.schemes[0]!.scheme.indicators.filter((i) => i.per_manager).map((i) => i.id)).toEqual(['profit_per_manager', 'deposits_per_manager']);
  });

  it('names every problem: level, item source, weights, per_manager type, id taken by a managers\' scheme', () => {
    const bad = structuredClone(good) as Record<string, any>;
    bad.scheme_id = 'retail_default';
    bad.levels = ['branch'];
    bad.indicators[0].weight = 10;
    bad.indicators[3].per_manager = 'yes';
    bad.bonus.items[0] = { id: 'reports', source: 'adjustment', adjustment_items: ['report'] };
    write({ 'bad.json': bad });
    const r = readOrgSchemesDir(dir, ['retail_default']);
    const messages = r.problems.map((p) => `${p.path}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^levels\.0: must be one of head_office, tier1_branch/),
        expect.stringMatching(/^bonus\.items\.0: a bonus item of an institution scheme must have source "metric"/),
        expect.stringMatching(/^indicators\.3\.per_manager: /),
      ]),
    );
    // the checks across fields run once every field is well formed
    const weights = structuredClone(good) as Record<string, any>;
    weights.indicators[0].weight = 10;
    write({ 'weights.json': weights, 'taken.json': { ...good, scheme_id: 'retail_default', org_id: 'BR1' } });
    expect(readOrgSchemesDir(dir, ['retail_default']).problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'indicators: weights sum to 90, expected total_weight 100',
      "scheme_id: 'retail_default' is also the id of a managers' scheme",
    ]);
  });

  it('refuses two schemes of one org node scoring a common level in the same months', () => {
    write({ 'a.json': good, 'b.json': { ...good, scheme_id: 'other', levels: ['outlet', 'sub_branch'], effective_from: '2026-01' } });
    expect(readOrgSchemesDir(dir).problems.map((p) => p.message)).toEqual([
      'overlaps sub_branch_default (a.json): same org head office and level sub_branch in force in the same months; end one with effective_to',
    ]);
  });
});
