// Finds the export kinds: every .ts file of this folder not starting with `_` default-exports one.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ExportKind } from './_kind.ts';

const dir = fileURLToPath(new URL('.', import.meta.url));

export async function loadExportKinds(): Promise<ExportKind[]> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.startsWith('_') && !f.endsWith('.test.ts'))
    .sort();
  const kinds: ExportKind[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default?: ExportKind };
    if (!mod.default || typeof mod.default.table !== 'function') {
      throw new Error(`warehouse/exports/${f}: no default-exported ExportKind`);
    }
    kinds.push(mod.default);
  }
  return kinds.sort((a, b) => a.kind.localeCompare(b.kind));
}
