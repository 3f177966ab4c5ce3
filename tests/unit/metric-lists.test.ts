// The metric blocks of the SQL models, expanded from the metric catalog (config/glossary.json).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandMetricLists, hasBase, metricCatalog } from '../../warehouse/metric-lists.ts';

const catalog = metricCatalog({
  metrics: {
    fee_income: { kind: 'money', marts: ['manager', 'org'] },
    net_deposit_increase: { kind: 'money', marts: ['manager'] },
    'sales_{category}_units': { kind: 'units', marts: ['manager'] },
    'sales_{category}_amount': { kind: 'money', marts: ['manager'] },
    visits: { kind: 'count', marts: ['manager', 'org'] },
    fee_per_visit: { kind: 'ratio', inputs: ['fee_income', 'visits'], marts: ['manager'] },
    elsewhere: { kind: 'ratio' },
  },
  sales_categories: { fund: {}, ebank: {} },
});

describe('metric catalog', () => {
  it('lists the metrics in catalog order, a sales family category by category', () => {
    expect(catalog.map((m) => m.name)).toEqual([
      'fee_income', 'net_deposit_increase',
      'sales_fund_units', 'sales_fund_amount', 'sales_ebank_units', 'sales_ebank_amount',
      'visits', 'fee_per_visit', 'elsewhere',
    ]);
    // a ratio has a computed base only when both inputs do (visits, a count, has none)
    expect(hasBase(catalog.find((m) => m.name === 'fee_per_visit')!, catalog)).toBe(false);
    expect(hasBase(catalog.find((m) => m.name === 'sales_fund_units')!, catalog)).toBe(true);
  });

  it('refuses an unknown kind and a ratio whose input is not in its marts', () => {
    expect(() => metricCatalog({ metrics: { x: { kind: 'percent', marts: ['org'] } }, sales_categories: {} })).toThrow(/metric x: kind must be one of/);
    expect(() =>
      metricCatalog({ metrics: { a: { kind: 'money', marts: ['org'] }, r: { kind: 'ratio', inputs: ['a', 'b'], marts: ['org'] } }, sales_categories: {} }),
    ).toThrow(/ratio r reads b/);
  });
});

describe('metric blocks', () => {
  it('gives each metric its own line, else its kind\'s, and every `all` line, in block order', () => {
    const sql = [
      'select',
      '  {% for metric in manager %}',
      '  money: mart_fen(f.{metric}) as {metric},',
      '  units: mart_units(f.{metric}) as {metric},',
      '  count: cast(f.{metric} as bigint) as {metric},',
      '  ratio: {metric}(f.{num}, f.{den}) as {metric},',
      '  net_deposit_increase: case when known then mart_fen(f.{metric}) end as {metric},',
      '  {% end %}',
      'from f',
    ].join('\n');
    expect(expandMetricLists(sql, 'x.sql', catalog)).toBe([
      'select',
      '  mart_fen(f.fee_income) as fee_income,',
      '  case when known then mart_fen(f.net_deposit_increase) end as net_deposit_increase,',
      '  mart_units(f.sales_fund_units) as sales_fund_units,',
      '  mart_fen(f.sales_fund_amount) as sales_fund_amount,',
      '  mart_units(f.sales_ebank_units) as sales_ebank_units,',
      '  mart_fen(f.sales_ebank_amount) as sales_ebank_amount,',
      '  cast(f.visits as bigint) as visits,',
      '  fee_per_visit(f.fee_income, f.visits) as fee_per_visit,',
      'from f',
    ].join('\n'));
  });

  it('takes only the metrics with a base, sorted by name, and skips those a line without SQL names', () => {
    const sql = '{% for metric in manager with base sorted %}\nall: {metric},\nratio:\n{% end %}\n';
    expect(expandMetricLists(sql, 'x.sql', catalog)).toBe(
      'fee_income,\nnet_deposit_increase,\nsales_ebank_amount,\nsales_ebank_units,\nsales_fund_amount,\nsales_fund_units,\n',
    );
    const based = '{% for metric in org %}\nall: a.{metric},\nbased: b.{metric},\nunbased: null,\n{% end %}\n';
    expect(expandMetricLists(based, 'x.sql', catalog)).toBe('a.fee_income,\nb.fee_income,\na.visits,\nnull,\n');
  });

  it('takes the lines of sql/metric-blocks/<name>.sql for `include: <name>`, and names a missing one', () => {
    const root = mkdtempSync(join(tmpdir(), 'jixiao-blocks-'));
    try {
      mkdirSync(join(root, 'metric-blocks'));
      writeFileSync(join(root, 'metric-blocks', 'shared.sql'), '-- a shared block\nall: x.{metric},\ncount:\n');
      const sql = 'select\n  {% for metric in org %}\n  include: shared\n  {% end %}\nfrom x';
      expect(expandMetricLists(sql, 'x.sql', catalog, root)).toBe('select\n  x.fee_income,\n  x.visits,\nfrom x');
      expect(() => expandMetricLists(sql.replace('shared', 'other'), 'marts/y.sql', catalog, root)).toThrow(
        "marts/y.sql: metric block includes 'other', but there is no sql/metric-blocks/other.sql",
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('names the file and the metric when no line fits it', () => {
    const sql = '{% for metric in org %}\nmoney: {metric},\n{% end %}\n';
    expect(() => expandMetricLists(sql, 'marts/mart_x.sql', catalog)).toThrow('marts/mart_x.sql: no line of the metric block fits visits (count)');
  });
});
