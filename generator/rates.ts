// The behavioural rates of the simulated bank, in one place: how often things happen per month,
// and how big they are. Targets are set from the same figures, so they sit near what happens.

/** Manager-driven sales per active manager-month, by line (corporate, retail) and category. */
export const salesPerMonth: Record<'corporate' | 'retail', Partial<Record<string, number>>> = {
  corporate: { ebank: 2, agreement: 1.5, fee: 1.5, wealth: 0.8, other: 0.3, debit_card: 0.5, credit_card: 0.3, fund: 0.2, insurance: 0.3 },
  retail: { debit_card: 10, credit_card: 6, ebank: 8, wealth: 5, fund: 3, insurance: 2, agreement: 4, other: 1.5, fee: 0.3 },
};

/** Sale amounts (fen): median and log-sigma; categories absent here are counted in units only. */
export const saleAmount: Partial<Record<string, [number, number]>> = {
  wealth: [20_000_000, 0.8],
  fund: [5_000_000, 0.9],
  insurance: [2_000_000, 0.8],
  fee: [3_000_000, 0.7],
};

export const saleChannels: Record<string, readonly string[]> = {
  default: ['manager', 'manager', 'counter', 'mobile'],
  ebank: ['mobile', 'online', 'counter'],
  debit_card: ['counter', 'manager'],
  credit_card: ['manager', 'mobile', 'counter'],
};

/** Fee transactions per client-month, and amount medians (fen). */
export const feesPerMonth = { corporate: 1.5, individual: 0.12 } as const;
export const feeSigma = { corporate: 0.9, individual: 1.0 } as const;
export function feeMedian(corporate: boolean, size: number): number {
  return corporate ? Math.max(30_000, size * 0.0004) : 2_000;
}
/** Product categories fee income comes from, weighted, per client type. */
export const feeCategories = {
  corporate: { fee: 70, deposit: 5, loan: 10, wealth: 3, ebank: 5, agreement: 5, other: 2 },
  individual: { fee: 30, deposit: 2, wealth: 15, fund: 12, insurance: 12, debit_card: 10, credit_card: 12, ebank: 4, other: 3 },
} as const;

/** New time deposits and new loans per client-month. */
export const newTimeDeposit = { corporate: 0.012, individual: 0.006 } as const;
export const newLoan = { corporate: 0.035, individual: 0.005 } as const;
export const existingBorrower = { corporate: 0.45, individual: 0.12 } as const;

/** Monthly share of performing loans that default (before the bad-risk multiplier). */
export const defaultRate = 0.0013;
/** Monthly chance that a performing loan pays a month late (special mention for one month). */
export const latePaymentChance = 0.004;
/** Monthly chance that a non-performing loan is cured, by class (normal, special mention, substandard, doubtful, loss). */
export const cureChance = [0, 0, 0.1, 0.04, 0] as const;
/** Monthly chance that a loss-class loan is written off (and leaves the ledger). */
export const writeOffChance = 0.08;

/** Five-category class from overdue days (the overdue days are always consistent with the class). */
export function classOf(overdueDays: number): number {
  if (overdueDays <= 0) return 0;
  if (overdueDays <= 90) return 1;
  if (overdueDays <= 180) return 2;
  if (overdueDays <= 360) return 3;
  return 4;
}
export const fiveClassCodes = ['normal', 'special_mention', 'substandard', 'doubtful', 'loss'] as const;

export const visitOutcomes: Record<string, readonly string[]> = {
  development: ['达成合作意向', '成功营销产品', '暂无需求', '持续跟进', '介绍新客户'],
  maintenance: ['维护客户关系', '了解客户需求', '推荐新产品', '客户满意'],
  collection: ['承诺还款', '部分还款', '制定还款计划', '联系未果'],
  other: ['节日慰问', '陪同调研', '资料收集'],
};
