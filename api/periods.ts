// The period a request asks for, or the latest month; an unknown period is a 404 like any
// other id the warehouse does not hold.
import type { Deps } from './env.ts';
import { HttpProblem } from './problem.ts';
import { latestMonth } from '../warehouse/queries/orgs.ts';

export function resolvePeriod(deps: Deps, period: string | undefined): string {
  if (period) {
    if (!deps.periods.some((p) => p.period === period)) throw new HttpProblem(404, `no figures for period ${period}`);
    return period;
  }
  const latest = latestMonth(deps.periods);
  if (!latest) throw new HttpProblem(503, 'the warehouse has no built periods yet: run `jixiao build`');
  return latest;
}
