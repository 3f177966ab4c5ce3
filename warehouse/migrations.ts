// Numbered schema migrations: sql/schema/NNN_name.sql, applied in order, each in its own
// transaction, recorded in schema_migrations. Opening an older warehouse file upgrades it in place.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqlDir } from './paths.ts';
import type { Warehouse } from './db.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Numbers that held the SQL macros before they moved to sql/macros/ (created by every build).
 * Warehouses migrated earlier have them recorded as applied, so a new migration under one of these
 * numbers would never run there: new migrations take a number above them.
 */
export const retiredVersions = new Set([11, 12, 13, 14, 15, 16, 17, 18]);

export function listMigrations(dir = join(sqlDir, 'schema')): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.slice(0, 3)),
      name: f.slice(4, -4),
      sql: readFileSync(join(dir, f), 'utf8'),
    }));
  const retired = migrations.find((m) => retiredVersions.has(m.version));
  if (retired) {
    throw new Error(
      `sql/schema: migration ${String(retired.version).padStart(3, '0')}_${retired.name} uses a retired number (011–018 held the macros, recorded as applied in older warehouses): number it 019 or above`,
    );
  }
  return migrations;
}

export async function schemaVersion(wh: Warehouse): Promise<number> {
  const rows = await wh.query<{ v: number | null }>(
    'select max(version)::integer as v from schema_migrations',
  );
  return rows[0]?.v ?? 0;
}

export async function migrate(wh: Warehouse, migrations = listMigrations()): Promise<number[]> {
  await wh.run(`create table if not exists schema_migrations (
    version integer primary key, name varchar not null, applied_at timestamp not null default current_timestamp)`);
  // Apply every migration not yet recorded (not only those above the maximum), so migrations
  // numbered in parallel branches of work are never skipped.
  const done = new Set(
    (await wh.query<{ version: number }>('select version from schema_migrations')).map((r) => r.version),
  );
  const applied: number[] = [];
  for (const m of migrations.filter((m) => !done.has(m.version))) {
    await wh.transaction(async () => {
      await wh.run(m.sql);
      await wh.run('insert into schema_migrations (version, name) values ($v, $n)', { v: m.version, n: m.name });
    });
    applied.push(m.version);
  }
  return applied;
}
