// The warehouse's state for GET /api/health: the last load and the last build.
import type { Catalog } from './catalog.ts';
import type { Reader } from './reader.ts';

export type LastLoad = {
  load_id: number;
  delivery: string;
  status: string;
  finished_at: string | null;
  rows_loaded: string;
  rows_rejected: string;
};

export async function lastLoad(reader: Reader): Promise<LastLoad | null> {
  const rows = await reader.query<LastLoad>(
    `select load_id, delivery, status, finished_at::varchar as finished_at, rows_loaded, rows_rejected
     from load_log order by load_id desc limit 1`,
  );
  return rows[0] ?? null;
}

/** The last build, from the build log the build runner writes (whichever columns it has). */
export async function lastBuild(reader: Reader, catalog: Catalog): Promise<Record<string, unknown> | null> {
  const cols = catalog.columns('build_log').map((c) => c.name);
  const order = ['build_id', 'finished_at', 'started_at'].find((c) => cols.includes(c));
  // Timestamps as text so the JSON shows them as the warehouse holds them.
  const select = catalog
    .columns('build_log')
    .filter((c) => /^[a-z][a-z0-9_]*$/.test(c.name))
    .map((c) => (/TIMESTAMP|DATE/.test(c.type) ? `"${c.name}"::varchar as "${c.name}"` : `"${c.name}"`))
    .join(', ');
  const rows = await reader.query(`select ${select} from build_log ${order ? `order by "${order}" desc nulls last` : ''} limit 1`);
  return rows[0] ?? null;
}

export type PublishedBuildRow = { build_id: number; built_at: string | null };

/** The build that wrote these results: the last one built (a results file holds one build's models). */
export async function publishedBuild(reader: Reader): Promise<PublishedBuildRow | undefined> {
  const rows = await reader.query<PublishedBuildRow>(
    `select build_id, finished_at::varchar as built_at from build_log where status = 'built' order by build_id desc limit 1`,
  );
  return rows[0];
}
