import { describe, expect, it } from 'vitest';
import readXlsxFile from 'read-excel-file/node';
import { toCsv } from '../../report/csv.ts';
import { toXlsx } from '../../report/xlsx.ts';
import { toJson } from '../../report/json.ts';
import { CODED_COLUMNS, labelOf, valueLabel } from '../../report/labels.ts';
import { columnsOf, kindOf, roundDecimalText } from '../../report/table.ts';

const table = {
  columns: columnsOf(['manager_id', 'manager_name', 'profit_contribution', 'npl_ratio', 'sales_fund_units']),
  rows: [
    { manager_id: '007', manager_name: '王 "小" 明, 北京', profit_contribution: '1234567.89', npl_ratio: '0.012345', sales_fund_units: '3' },
    { manager_id: '010', manager_name: 'Li', profit_contribution: '-5.00', npl_ratio: null, sales_fund_units: '0' },
  ],
};

describe('report writers', () => {
  it('labels columns from the glossary in both languages', () => {
    expect(labelOf('profit_contribution', 'zh')).toBe('模拟利润');
    expect(labelOf('profit_contribution', 'en')).toBe('Profit contribution');
    expect(labelOf('sales_fund_units', 'zh')).toBe('基金销量');
    expect(labelOf('net_deposit_increase_target', 'zh')).toBe('存款净增任务');
    expect(labelOf('no_such_thing', 'en')).toBe('no_such_thing');
  });

  it('infers column kinds from names: ranks are counts, not money', () => {
    expect(kindOf('contribution_rank')).toBe('count');
    expect(kindOf('rank_in_peer_group')).toBe('count');
    expect(kindOf('profit_contribution')).toBe('money');
    expect(kindOf('npl_ratio')).toBe('ratio');
    expect(kindOf('client_id')).toBe('id');
  });

  it('infers counts, ratios and points for the risk, process and segment columns (numbers in Excel, not text)', () => {
    for (const key of ['tenure_months', 'products_held', 'portfolio_clients', 'overdue_days', 'months_on_book', 'warnings', 'npl_loans', 'upkept_client_quarters', 'dormant_clients'])
      expect(kindOf(key), key).toBe('count');
    expect(kindOf('development_to_maintenance')).toBe('ratio');
    expect(kindOf('weight')).toBe('ratio');
    expect(kindOf('pool_total')).toBe('money');
    expect(kindOf('bonus_raw')).toBe('number'); // points before the cap, not money
    expect(kindOf('visits_per_month')).toBe('number');
    expect(kindOf('year')).toBe('text'); // a label: 2026, not 2,026
  });

  it('shows a count without trailing zeros in CSV, exactly (2.000000 → 2, 0.500000 → 0.5, 10 stays 10)', () => {
    const counts = { columns: columnsOf(['manager_id', 'turned_npl_count', 'clients']), rows: [{ manager_id: 'M1', turned_npl_count: '0.500000', clients: '2.000000' }, { manager_id: 'M2', turned_npl_count: '10', clients: '120.000000' }] };
    expect(toCsv(counts, 'en').split('\r\n').slice(1, 3)).toEqual(['M1,0.5,2', 'M2,10,120']);
  });

  it('writes a tenure and a product count as numbers in XLSX', async () => {
    const segments = { columns: columnsOf(['client_id', 'tenure_months', 'products_held']), rows: [{ client_id: '0042', tenure_months: 27, products_held: 3 }] };
    const [sheet] = await readXlsxFile(await toXlsx(segments, 'en'));
    expect(sheet!.data[1]).toEqual(['0042', 27, 3]);
  });

  it('writes CSV with a BOM, quoting, exact decimals and leading zeros', () => {
    const csv = toCsv(table, 'zh');
    // each figure's header states its unit: money in the reporting currency (CNY by default), ratios, counts
    expect(csv.startsWith('\uFEFF客户经理号,客户经理,模拟利润（元）,不良率（比率，1=100%）,基金销量（数量）\r\n')).toBe(true);
    expect(csv).toContain('007,"王 ""小"" 明, 北京",1234567.89,0.012345,3\r\n');
    expect(csv).toContain('010,Li,-5.00,,0\r\n');
  });

  it('writes XLSX that reads back with the same figures', async () => {
    const [sheet] = await readXlsxFile(await toXlsx(table, 'en'));
    expect(sheet!.sheet).toBe('Jixiao');
    const rows = sheet!.data;
    expect(rows[0]).toEqual(['Manager ID', 'Manager', 'Profit contribution (CNY)', 'NPL ratio (ratio: 1 = 100%)', 'Funds sold (units) (count)']);
    expect(rows[1]).toEqual(['007', '王 "小" 明, 北京', 1234567.89, 0.012345, 3]);
    expect(rows[2]).toEqual(['010', 'Li', -5, null, 0]);
  });
});

describe('coded values and money in downloads', () => {
  it('labels coded values per column from the glossary, leaving other values alone', () => {
    expect(valueLabel('client_type', 'corporate', 'zh')).toBe('对公');
    expect(valueLabel('client_type', 'corporate', 'en')).toBe('Corporate');
    expect(valueLabel('client_type', 'individual', 'zh')).toBe('个人客户');
    expect(valueLabel('five_class', 'special_mention', 'zh')).toBe('关注');
    expect(valueLabel('from_class', 'new', 'zh')).toBe('新发放');
    // The same code reads differently by column: a new client is not a newly booked loan.
    expect(valueLabel('segment', 'new', 'zh')).toBe('新客户');
    expect(valueLabel('warning', 'overdue_rising', 'en')).toBe('Overdue days rising');
    expect(valueLabel('attribution', 'originating', 'zh')).toBe('经办人');
    expect(valueLabel('score_grade', 'excellent', 'zh')).toBe('优秀');
    expect(valueLabel('metric', 'profit_contribution', 'en')).toBe('Profit contribution');
    expect(valueLabel('client_type', 'unknown_code', 'zh')).toBe('unknown_code');
    expect(valueLabel('client_name', 'corporate', 'zh')).toBe('corporate');
    expect(valueLabel('line', null, 'zh')).toBe(null);
    // A peer group joins a line and a level; a flag reads yes or no.
    expect(valueLabel('peer_group', 'corporate:sub_branch', 'zh')).toBe('对公·支行');
    expect(valueLabel('peer_group', 'retail:tier1_branch', 'en')).toBe('Retail, Tier-1 branch');
    expect(valueLabel('peer_group', 'corporate', 'en')).toBe('corporate');
    expect(valueLabel('forced_down', false, 'zh')).toBe('否');
    expect(valueLabel('forced_down', 'true', 'en')).toBe('Yes');
  });

  it('has a label in both languages for every code the marts write in a coded column', () => {
    // The codes of sql/ (CASE branches and the extract contract's enumerations).
    const codes: Record<string, string[]> = {
      line: ['corporate', 'retail'],
      client_type: ['corporate', 'individual'],
      level: ['head_office', 'tier1_branch', 'tier2_branch', 'sub_branch', 'outlet'],
      five_class: ['normal', 'special_mention', 'substandard', 'doubtful', 'loss'],
      from_class: ['normal', 'new'],
      to_class: ['loss', 'closed'],
      warning: ['special_mention', 'overdue_rising', 'deposit_outflow', 'client_gone'],
      attribution: ['current', 'originating'],
      segment: ['new', 'dormant', 'high_value_growing', 'low_value_falling'],
      value_tier: ['high', 'low'],
      trend: ['growing', 'stable', 'falling'],
      visit_level: ['above_ceiling', 'good', 'below_good'],
      score_grade: ['excellent', 'good', 'competent', 'unsatisfactory'],
      section: ['bonus', 'deduction'],
      source: ['metric', 'rule', 'adjustment'],
      target_source: ['targets', 'annual_pro_rata'],
      note: ['no_target', 'capped', 'floored', 'none_best'],
    };
    for (const [column, values] of Object.entries(codes)) {
      expect(CODED_COLUMNS.has(column), column).toBe(true);
      for (const v of values) for (const lang of ['zh', 'en'] as const) expect(valueLabel(column, v, lang), `${column} ${v} ${lang}`).not.toBe(v);
    }
  });

  it('rounds decimal text half away from zero on the digits', () => {
    expect(roundDecimalText('75175.320000', 2)).toBe('75175.32');
    expect(roundDecimalText('0.125000', 2)).toBe('0.13');
    expect(roundDecimalText('-0.125', 2)).toBe('-0.13');
    expect(roundDecimalText('-0.004', 2)).toBe('0.00');
    expect(roundDecimalText('999.995', 2)).toBe('1000.00');
    expect(roundDecimalText('12', 2)).toBe('12.00');
    expect(roundDecimalText('12345678901234567.885', 2)).toBe('12345678901234567.89');
    expect(roundDecimalText('n/a', 2)).toBe('n/a');
  });

  const wide = {
    columns: columnsOf(['manager_id', 'client_type', 'line', 'profit_contribution_base', 'profit_contribution_achievement', 'npl_ratio', 'turned_npl_count']),
    rows: [
      // Money of a long-form mart arrives with 6 decimals; ratios and counts are left as given.
      { manager_id: '007', client_type: 'corporate', line: 'retail', profit_contribution_base: '75175.325000', profit_contribution_achievement: '0.833288', npl_ratio: '0.012345', turned_npl_count: '2.000000' },
    ],
  };

  it('writes coded values as labels and money at the fen in CSV, in either language', () => {
    expect(toCsv(wide, 'zh')).toContain('\r\n007,对公,个人,75175.33,0.833288,0.012345,2\r\n');
    expect(toCsv(wide, 'en')).toContain('\r\n007,Corporate,Retail,75175.33,0.833288,0.012345,2\r\n');
    // JSON is for programs: codes and the exact figures.
    expect(toJson(wide)).toContain('"client_type": "corporate", "line": "retail", "profit_contribution_base": 75175.325000');
  });

  it('gives each row of a long-form table the kind of its metric', async () => {
    const long = {
      columns: columnsOf(['metric', 'actual', 'base', 'target', 'achievement', 'growth']),
      rows: [
        { metric: 'profit_contribution', actual: '95902.690000', base: '146629.664000', target: '169520.875000', achievement: '0.565728', growth: '-50726.974000' },
        { metric: 'npl_ratio', actual: '0.012345', base: '0.010000', target: null, achievement: null, growth: '0.002345' },
        { metric: 'clients', actual: '5.000000', base: '4.000000', target: null, achievement: null, growth: '1.000000' },
      ],
    };
    const csv = toCsv(long, 'zh');
    // 146629.664 → .66; 169520.875 → .88 (half away from zero); -50726.974 → -50726.97.
    expect(csv).toContain('\r\n模拟利润,95902.69,146629.66,169520.88,0.565728,-50726.97\r\n');
    expect(csv).toContain('\r\n不良率,0.012345,0.010000,,,0.002345\r\n');
    expect(csv).toContain('\r\n客户数,5,4,,,1\r\n');
    // The same table with headers of the caller's own, as the API hands it over (api/respond.ts
    // downloadTable): the headers are the given ones, the cells still read by key.
    const labelledLong = { ...long, columns: long.columns.map((c) => ({ ...c, header: `${labelOf(c.key, 'en')} (API)` })) };
    const en = toCsv(labelledLong, 'en');
    // a long-form column mixes units (its rows' metrics): no unit in its header; achievement is always a ratio
    expect(en.split('\r\n')[0]).toBe('\uFEFFMetric (API),Actual (API),Base (API),Target (API),Achievement (API) (ratio: 1 = 100%),Growth over base (API)');
    expect(en).toContain('\r\nProfit contribution,95902.69,146629.66,169520.88,0.565728,-50726.97\r\n');
    expect(en).toContain('\r\nNPL ratio,0.012345,0.010000,,,0.002345\r\n');
    const [sheet] = await readXlsxFile(await toXlsx(long, 'en'));
    expect(sheet!.data[1]).toEqual(['Profit contribution', 95902.69, 146629.66, 169520.88, 0.565728, -50726.97]);
    expect(sheet!.data[2]).toEqual(['NPL ratio', 0.012345, 0.01, null, null, 0.002345]);
  });

  it('writes coded values as labels and money at the fen in XLSX', async () => {
    const [sheet] = await readXlsxFile(await toXlsx(wide, 'zh'));
    expect(sheet!.data[1]).toEqual(['007', '对公', '个人', 75175.33, 0.833288, 0.012345, 2]);
  });
});
