// Scoring period keys as users type them: `2026-06-ytd` (the key itself), `2026-Q2` (the
// quarter's year-to-date), `2026` (the year-end score, i.e. `2026-12-ytd`).
export function scoringPeriodOf(input: string): string | null {
  const s = input.trim();
  if (/^\d{4}-(03|06|09|12)-ytd$/.test(s)) return s;
  const q = /^(\d{4})-Q([1-4])$/.exec(s);
  if (q) return `${q[1]}-${String(Number(q[2]) * 3).padStart(2, '0')}-ytd`;
  if (/^\d{4}$/.test(s)) return `${s}-12-ytd`;
  return null;
}
