// How a delivery is laid out: the contract's English headers and values, or the Chinese export
// layout of a core system (Chinese headers, Chinese code values, YYYYMMDD dates). The Chinese names
// come from the ingest's shipped mapping profile (config/profiles/zh-core.json) when it exists, so
// the generator writes exactly what that profile reads; zhFallback is used for anything it lacks.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmtDate, fmtDateCompact } from './calendar.ts';

export const fileColumns = {
  orgs: ['org_id', 'parent_id', 'org_name', 'level'],
  managers: ['manager_id', 'manager_name', 'org_id', 'line', 'grade', 'hire_date', 'leave_date', 'valid_from'],
  clients: ['client_id', 'client_name', 'client_type', 'industry', 'group_id', 'open_date', 'org_id'],
  assignments: ['client_id', 'manager_id', 'share', 'valid_from', 'valid_to'],
  products: ['product_id', 'product_name', 'category', 'term_months'],
  ftp_curve: ['effective_date', 'term_months', 'rate', 'currency'],
  fx_rates: ['as_of_date', 'currency', 'cny_per_unit'],
  targets: ['year', 'period', 'subject_type', 'subject_id', 'metric', 'base_value', 'target_value'],
  deposits: ['as_of_date', 'account_id', 'client_id', 'product_id', 'currency', 'balance', 'avg_balance', 'rate', 'org_id'],
  loans: ['as_of_date', 'loan_id', 'client_id', 'product_id', 'currency', 'origination_date', 'maturity_date', 'principal',
    'balance', 'avg_balance', 'rate', 'five_class', 'overdue_days', 'originating_manager_id', 'org_id'],
  fees: ['txn_date', 'txn_id', 'client_id', 'product_id', 'amount', 'manager_id', 'org_id'],
  sales: ['sale_date', 'sale_id', 'client_id', 'product_id', 'manager_id', 'amount', 'units', 'channel'],
  visits: ['visit_date', 'visit_id', 'manager_id', 'client_id', 'purpose', 'outcome'],
  adjustments: ['year', 'period', 'manager_id', 'item', 'points', 'note', 'entered_by'],
} as const;
export type FileKind = keyof typeof fileColumns;

/** DuckDB types of every column, for reading the files back (tests) and writing Parquet. */
export const columnTypes: Record<FileKind, Record<string, string>> = {
  orgs: { org_id: 'varchar', parent_id: 'varchar', org_name: 'varchar', level: 'varchar' },
  managers: { manager_id: 'varchar', manager_name: 'varchar', org_id: 'varchar', line: 'varchar', grade: 'varchar', hire_date: 'date', leave_date: 'date', valid_from: 'date' },
  clients: { client_id: 'varchar', client_name: 'varchar', client_type: 'varchar', industry: 'varchar', group_id: 'varchar', open_date: 'date', org_id: 'varchar' },
  assignments: { client_id: 'varchar', manager_id: 'varchar', share: 'decimal(9,2)', valid_from: 'date', valid_to: 'date' },
  products: { product_id: 'varchar', product_name: 'varchar', category: 'varchar', term_months: 'integer' },
  ftp_curve: { effective_date: 'date', term_months: 'integer', rate: 'decimal(9,2)', currency: 'varchar' },
  fx_rates: { as_of_date: 'date', currency: 'varchar', cny_per_unit: 'decimal(24,6)' },
  targets: { year: 'integer', period: 'varchar', subject_type: 'varchar', subject_id: 'varchar', metric: 'varchar', base_value: 'decimal(24,2)', target_value: 'decimal(24,2)' },
  deposits: { as_of_date: 'date', account_id: 'varchar', client_id: 'varchar', product_id: 'varchar', currency: 'varchar', balance: 'decimal(18,2)', avg_balance: 'decimal(18,2)', rate: 'decimal(9,2)', org_id: 'varchar' },
  loans: {
    as_of_date: 'date', loan_id: 'varchar', client_id: 'varchar', product_id: 'varchar', currency: 'varchar', origination_date: 'date',
    maturity_date: 'date', principal: 'decimal(18,2)', balance: 'decimal(18,2)', avg_balance: 'decimal(18,2)', rate: 'decimal(9,2)',
    five_class: 'varchar', overdue_days: 'integer', originating_manager_id: 'varchar', org_id: 'varchar',
  },
  fees: { txn_date: 'date', txn_id: 'varchar', client_id: 'varchar', product_id: 'varchar', amount: 'decimal(18,2)', manager_id: 'varchar', org_id: 'varchar' },
  sales: { sale_date: 'date', sale_id: 'varchar', client_id: 'varchar', product_id: 'varchar', manager_id: 'varchar', amount: 'decimal(18,2)', units: 'integer', channel: 'varchar' },
  visits: { visit_date: 'date', visit_id: 'varchar', manager_id: 'varchar', client_id: 'varchar', purpose: 'varchar', outcome: 'varchar' },
  adjustments: { year: 'integer', period: 'varchar', manager_id: 'varchar', item: 'varchar', points: 'decimal(9,2)', note: 'varchar', entered_by: 'varchar' },
};

/** The read_csv `columns` struct of a kind (English headers). */
export function csvColumnsSql(kind: FileKind): string {
  return `{${Object.entries(columnTypes[kind]).map(([c, t]) => `'${c}': '${t}'`).join(', ')}}`;
}

/** Our own Chinese headers, used only where the profile names none. */
export const zhFallback: Record<FileKind, Record<string, string>> = {
  orgs: { org_id: '机构号', parent_id: '上级机构号', org_name: '机构名称', level: '机构层级' },
  managers: { manager_id: '客户经理号', manager_name: '客户经理姓名', org_id: '所属机构号', line: '条线', grade: '客户经理等级', hire_date: '入职日期', leave_date: '离职日期', valid_from: '生效日期' },
  clients: { client_id: '客户号', client_name: '客户名称', client_type: '客户类型', industry: '行业', group_id: '集团号', open_date: '开户日期', org_id: '开户机构号' },
  assignments: { client_id: '客户号', manager_id: '客户经理号', share: '分配比例', valid_from: '生效日期', valid_to: '失效日期' },
  products: { product_id: '产品号', product_name: '产品名称', category: '产品类别', term_months: '期限月数' },
  ftp_curve: { effective_date: '生效日期', term_months: '期限月数', rate: 'FTP利率', currency: '币种' },
  fx_rates: { as_of_date: '日期', currency: '币种', cny_per_unit: '中间价' },
  targets: { year: '年度', period: '考核期', subject_type: '对象类型', subject_id: '对象号', metric: '指标', base_value: '基数', target_value: '任务值' },
  deposits: { as_of_date: '数据日期', account_id: '账号', client_id: '客户号', product_id: '产品号', currency: '币种', balance: '余额', avg_balance: '月日均余额', rate: '利率', org_id: '机构号' },
  loans: { as_of_date: '数据日期', loan_id: '借据号', client_id: '客户号', product_id: '产品号', currency: '币种', origination_date: '放款日期', maturity_date: '到期日期', principal: '借据金额', balance: '余额', avg_balance: '月日均余额', rate: '执行利率', five_class: '五级分类', overdue_days: '逾期天数', originating_manager_id: '放款客户经理号', org_id: '机构号' },
  fees: { txn_date: '交易日期', txn_id: '流水号', client_id: '客户号', product_id: '产品号', amount: '金额', manager_id: '客户经理号', org_id: '机构号' },
  sales: { sale_date: '销售日期', sale_id: '销售流水号', client_id: '客户号', product_id: '产品号', manager_id: '客户经理号', amount: '金额', units: '数量', channel: '渠道' },
  visits: { visit_date: '拜访日期', visit_id: '拜访编号', manager_id: '客户经理号', client_id: '客户号', purpose: '拜访目的', outcome: '拜访结果' },
  adjustments: { year: '年度', period: '考核期', manager_id: '客户经理号', item: '加减分项目', points: '分值', note: '备注', entered_by: '录入人' },
};

/** Chinese code values the contract allows without a profile (五级分类). */
const zhFiveClass: Record<string, string> = { normal: '正常', special_mention: '关注', substandard: '次级', doubtful: '可疑', loss: '损失' };

export interface Layout {
  headers: 'en' | 'zh';
  date(day: number): string;
  /** The header row of a file kind. */
  header(kind: FileKind): string[];
  /** A code value as written in this layout (English code when no Chinese alias is known). */
  value(kind: FileKind, column: string, code: string): string;
  /** The file name of a kind; `stamp` (YYYYMM) marks a monthly delivery's files. */
  fileName(kind: FileKind, stamp?: string): string;
  /** Where the Chinese names came from. */
  source: string;
}

interface ProfileJson {
  files?: Record<string, string>;
  headers?: Record<string, Record<string, string>>;
  values?: Record<string, Record<string, string>>;
}

export const zhProfilePath = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'config', 'profiles', 'zh-core.json');

export function englishLayout(): Layout {
  return {
    headers: 'en', source: 'contract', date: fmtDate,
    header: (kind) => [...fileColumns[kind]],
    value: (_k, _c, code) => code,
    fileName: (kind) => `${kind}.csv`,
  };
}

export function chineseLayout(profilePath = zhProfilePath): Layout {
  const profile: ProfileJson = existsSync(profilePath) ? (JSON.parse(readFileSync(profilePath, 'utf8')) as ProfileJson) : {};
  const headerOf = new Map<string, string>();
  // A kind's own aliases win over the global ones; the first alias listed for a column is used.
  for (const kind of Object.keys(fileColumns) as FileKind[]) {
    for (const scope of [kind, '*']) {
      for (const [alias, column] of Object.entries(profile.headers?.[scope] ?? {})) {
        if ((fileColumns[kind] as readonly string[]).includes(column) && !headerOf.has(`${kind}.${column}`)) headerOf.set(`${kind}.${column}`, alias);
      }
    }
  }
  const fileOf = new Map<string, string>();
  for (const [alias, kind] of Object.entries(profile.files ?? {})) if (!fileOf.has(kind)) fileOf.set(kind, alias);
  const valueOf = new Map<string, string>();
  for (const [scope, map] of Object.entries(profile.values ?? {})) {
    for (const [alias, code] of Object.entries(map)) if (!valueOf.has(`${scope}=${code}`)) valueOf.set(`${scope}=${code}`, alias);
  }
  return {
    // Named, not given as a path, so truth.json does not depend on where the checkout lives.
    headers: 'zh', source: existsSync(profilePath) ? `profile ${basename(profilePath)}` : 'generator/layout.ts (zhFallback)',
    date: fmtDateCompact,
    // Chinese file names as a core system names its exports (存款_202501.csv); the kind still reads
    // from the name's prefix. Without a profile, the contract's names.
    fileName: (kind, stamp) => {
      const alias = fileOf.get(kind);
      return alias ? `${alias}${stamp ? `_${stamp}` : ''}.csv` : `${kind}.csv`;
    },
    header: (kind) => fileColumns[kind].map((c) => headerOf.get(`${kind}.${c}`) ?? zhFallback[kind][c] ?? c),
    value: (kind, column, code) =>
      valueOf.get(`${kind}.${column}=${code}`) ?? valueOf.get(`${column}=${code}`) ?? (column === 'five_class' ? zhFiveClass[code] ?? code : code),
  };
}
