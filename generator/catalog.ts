// The product catalogue, the FTP curve and the bank's deposit rate table. Rates are held in
// hundredths of a percent (345 = 3.45%) so every figure is an exact integer until written.

export const categories = [
  'deposit', 'loan', 'fee', 'wealth', 'fund', 'insurance', 'debit_card', 'credit_card', 'ebank', 'agreement', 'other',
] as const;
export type Category = (typeof categories)[number];

export interface Product {
  id: string;
  name: string;
  category: Category;
  /** Months; 0 for demand deposits; null where a term means nothing (cards, agreements). */
  term: number | null;
}

export const curveTerms = [0, 3, 6, 12, 24, 36, 60] as const;
/** FTP curve before and after the one rate change inside the period (a cut, as in 2025). */
export const ftpBefore = [160, 185, 200, 220, 245, 265, 295] as const;
export const ftpCut = [10, 15, 15, 20, 20, 20, 20] as const;

/** The USD curve (term months, hundredths of a percent) and the USD demand deposit rate. */
export const usdCurve: readonly (readonly [number, number])[] = [[0, 400], [3, 430], [6, 450], [12, 460]];
export const usdDemandRate = 30;
/** Yuan per US dollar at a month-end (ten-thousandths): 7.1500 drifting by a few pips a month. */
export function usdRateAt(monthIndex: number): number {
  return 71500 + ((monthIndex * 37) % 120) - 60;
}

export function ftpAt(term: number, afterChange: boolean): number {
  const i = curveTerms.indexOf(term as (typeof curveTerms)[number]);
  if (i < 0) throw new Error(`no FTP point for term ${term}`);
  return (ftpBefore[i] as number) - (afterChange ? (ftpCut[i] as number) : 0);
}

/** Deposit rate by term, for individuals (corporates get demand +5bp, time the same). */
export function depositRate(term: number, corporate: boolean, afterChange: boolean): number {
  const base: Record<number, number> = { 0: corporate ? 25 : 20, 3: 105, 6: 125, 12: 145, 24: 165, 36: 195, 60: 200 };
  const rate = base[term];
  if (rate === undefined) throw new Error(`no deposit rate for term ${term}`);
  return rate - (afterChange ? (term === 0 ? 5 : 10) : 0);
}

export const timeTermsIndividual = [3, 6, 12, 24, 36, 60] as const;
export const timeTermWeightsIndividual = [15, 20, 30, 15, 15, 5];
export const timeTermsCorporate = [3, 6, 12, 24, 36] as const;
export const timeTermWeightsCorporate = [25, 25, 30, 12, 8];

/** Loan families: who borrows, which terms, spread over FTP (hundredths of a percent). */
export interface LoanFamily {
  code: string;
  name: string;
  corporate: boolean;
  terms: readonly number[];
  spread: readonly [number, number];
  weight: number;
}
export const loanFamilies: readonly LoanFamily[] = [
  { code: 'WC', name: '流动资金贷款', corporate: true, terms: [6, 12, 24, 36], spread: [60, 200], weight: 55 },
  { code: 'FA', name: '固定资产贷款', corporate: true, terms: [36, 60], spread: [80, 220], weight: 25 },
  { code: 'TF', name: '贸易融资', corporate: true, terms: [6, 12], spread: [50, 150], weight: 20 },
  { code: 'PB', name: '个人经营贷款', corporate: false, terms: [12, 24, 36], spread: [150, 350], weight: 35 },
  { code: 'PC', name: '个人消费贷款', corporate: false, terms: [12, 24, 36], spread: [150, 380], weight: 40 },
  { code: 'PM', name: '个人住房贷款', corporate: false, terms: [60], spread: [50, 110], weight: 25 },
];

export interface Catalogue {
  products: Product[];
  byId: Map<string, number>;
  /** Index of the demand product, [individual, corporate]. */
  demand: [number, number];
  /** Time deposit product index by term, [individual, corporate]. */
  time: [Map<number, number>, Map<number, number>];
  /** Loan product index by family code and term. */
  loan: Map<string, number>;
  /** Products of each category (deposit and loan excepted) that are sold or earn fees. */
  byCategory: Map<Category, number[]>;
}

const termName = (t: number) => (t % 12 === 0 ? `${t / 12}年` : `${t}个月`);

export function buildCatalogue(): Catalogue {
  const products: Product[] = [];
  const add = (p: Product) => products.push(p) - 1;
  const demand: [number, number] = [
    add({ id: 'P1001', name: '个人活期存款', category: 'deposit', term: 0 }),
    add({ id: 'P1002', name: '单位活期存款', category: 'deposit', term: 0 }),
  ];
  const time: [Map<number, number>, Map<number, number>] = [new Map(), new Map()];
  let n = 1010;
  for (const t of timeTermsIndividual) time[0].set(t, add({ id: `P${n++}`, name: `个人定期存款${termName(t)}`, category: 'deposit', term: t }));
  n = 1030;
  for (const t of timeTermsCorporate) time[1].set(t, add({ id: `P${n++}`, name: `单位定期存款${termName(t)}`, category: 'deposit', term: t }));
  const loan = new Map<string, number>();
  n = 2001;
  for (const f of loanFamilies) {
    for (const t of f.terms) loan.set(`${f.code}${t}`, add({ id: `P${n++}`, name: `${f.name}${termName(t)}`, category: 'loan', term: t }));
  }
  const others: [Category, string, number | null][] = [
    ['fee', '结算手续费', null], ['fee', '代理业务手续费', null], ['fee', '财务顾问费', null], ['fee', '担保承诺费', null],
    ['fee', '托管业务费', null], ['fee', '账户管理费', null],
    ['wealth', '稳健理财90天', 3], ['wealth', '稳健理财180天', 6], ['wealth', '净值型理财一年', 12],
    ['fund', '代销货币基金', null], ['fund', '代销债券基金', null], ['fund', '代销混合基金', null],
    ['insurance', '代理分红保险', null], ['insurance', '代理意外保险', null],
    ['debit_card', '借记卡', null], ['debit_card', '社保卡', null],
    ['credit_card', '信用卡标准卡', null], ['credit_card', '信用卡白金卡', null],
    ['ebank', '手机银行', null], ['ebank', '企业网银', null],
    ['agreement', '代发工资协议', null], ['agreement', '代扣水电费协议', null],
    ['other', '银证转账', null], ['other', '实物贵金属', null],
  ];
  const byCategory = new Map<Category, number[]>();
  n = 3001;
  for (const [category, name, term] of others) {
    const i = add({ id: `P${n++}`, name, category, term });
    byCategory.set(category, [...(byCategory.get(category) ?? []), i]);
  }
  byCategory.set('deposit', [...time[0].values()]);
  byCategory.set('loan', [...loan.values()]);
  return { products, byId: new Map(products.map((p, i) => [p.id, i])), demand, time, loan, byCategory };
}
