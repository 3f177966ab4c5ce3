// The coded values the API takes as parameters and the web offers, once for both. Plain lists (no
// zod), so the web can check a value from its URL before it asks; contract/api.ts makes the
// request schemas' enums from them. Their labels are config/glossary.json's.

/** Business lines. */
export const LINES = ['corporate', 'retail'] as const;
export type Line = (typeof LINES)[number];

/** The five-class loan classification (五级分类), best to worst. */
export const LOAN_CLASSES = ['normal', 'special_mention', 'substandard', 'doubtful', 'loss'] as const;
export type LoanClass = (typeof LOAN_CLASSES)[number];
/** A migration cell's class at the period start: booked within the period, or a class (the matrix's row order). */
export const MIGRATION_FROM = ['new', ...LOAN_CLASSES] as const;
/** A migration cell's class at the period end: a class, or gone (repaid, sold, written off). */
export const MIGRATION_TO = [...LOAN_CLASSES, 'closed'] as const;
export type MigrationFrom = (typeof MIGRATION_FROM)[number];
export type MigrationTo = (typeof MIGRATION_TO)[number];

/** Who a risk figure is charged to: the holder when it happened, or the manager who booked the loan. */
export const RISK_BASES = ['current', 'originating'] as const;
export type RiskBasis = (typeof RISK_BASES)[number];

/** Early-warning kinds. */
export const WARNING_KINDS = ['special_mention', 'overdue_rising', 'deposit_outflow', 'client_gone'] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

/** Client segments of the portfolio (客户分层). */
export const CLIENT_SEGMENTS = ['new', 'dormant', 'high_value_falling', 'high_value_growing', 'high_value_stable', 'low_value_growing', 'low_value_falling', 'low_value_stable'] as const;
export type ClientSegment = (typeof CLIENT_SEGMENTS)[number];

/** Whether a value is one of a list's codes (narrows its type). */
export function isCode<T extends string>(codes: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (codes as readonly string[]).includes(value);
}

/** Levels of the org tree, top down (EXTRACTS.md orgs.level). */
export const ORG_LEVELS = ['head_office', 'tier1_branch', 'tier2_branch', 'sub_branch', 'outlet'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

/** Peer groups by size: a node's third of its level, by managers (staff) or by balances (book). */
export const SIZE_BASES = ['staff', 'book'] as const;
export const SIZE_TIERS = ['small', 'medium', 'large'] as const;
