// `jixiao export entries --period 2026-06-ytd`: the audit trail of what people entered on the
// scorecards of a scoring period (issue 21) — every line of the server's entries file for it, oldest
// first: who, when, manager, item, old value, new value, note, source. Read from the file while a
// server writes it (warehouse/entries.ts); the results file only resolves --org.
import type { Warehouse } from '../db.ts';
import type { ExportKind, ExportRequest } from './_kind.ts';
import { ExportRequestError } from './_kind.ts';
import { columnsOf } from '../../report/table.ts';
import { periodEntries, periodEntryColumns } from '../queries/entries.ts';
import { readerOf } from '../queries/reader.ts';
import { existsSync } from 'node:fs';

const entries: ExportKind = {
  kind: 'entries',
  summary: 'the entries and changes people made on the scorecards of a scoring period (the audit trail)',
  idColumn: 'manager_id',
  sheet: 'entries',
  async table(wh: Warehouse, req: ExportRequest) {
    if (!req.entriesFile) throw new ExportRequestError('entries: no entries file given');
    const rows = existsSync(req.entriesFile) ? await periodEntries(readerOf(wh), req.entriesFile, req.period, req.org ?? null) : [];
    return { columns: columnsOf([...periodEntryColumns]), rows };
  },
};
export default entries;
