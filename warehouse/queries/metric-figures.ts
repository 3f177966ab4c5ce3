// A subject's metrics against base and target (mart_manager_metrics / mart_org_metrics), and, for
// a month — which has no target of its own — the same metric's year to date against the annual
// target by elapsed time (序时进度, mart_month_pace), as the tiles show them.
import type { Reader } from './reader.ts';
import type { MetricFigure } from '../../contract/api.ts';

const SUBJECTS = {
  manager: { table: 'mart_manager_metrics', id: 'manager_id' },
  org: { table: 'mart_org_metrics', id: 'org_id' },
} as const;

/** Every metric of one manager or org node for a period, by metric; the pace columns null outside a month. */
export function metricFigures(reader: Reader, subject: keyof typeof SUBJECTS, id: string, period: string): Promise<MetricFigure[]> {
  const s = SUBJECTS[subject];
  return reader.query<MetricFigure>(
    `select m.metric, m.actual, m.base, m.target, m.achievement, m.growth,
       p.ytd_actual, p.pace_target, p.achievement as pace_achievement, p.elapsed_share
     from ${s.table} m
     left join mart_month_pace p
       -- the subject's own rows of the period, named as constants so the scan skips the rest
       on p.period = $period and p.subject_type = $subject and p.subject_id = $id and p.metric = m.metric
     where m.${s.id} = $id and m.period = $period order by m.metric`,
    { id, period, subject },
  );
}
